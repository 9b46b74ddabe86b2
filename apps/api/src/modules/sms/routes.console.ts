import { ErrorBody, PageQuery, Phone, SmsOutboxItem, pageOf } from '@quanzi/contracts';
import { z } from 'zod';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { SmsModule } from './index.js';

export function smsConsoleRoutes(app: HttpApp, { auth }: RouteContext, sms: SmsModule): void {
  app.get(
    '/sms-outbox',
    {
      config: { access: { operator: 'sms.read' } },
      schema: {
        tags: ['console: sms'],
        summary: 'Messages recorded by the sandbox SMS channel, newest first',
        querystring: z.object({ ...PageQuery.shape, phone: Phone.optional() }),
        response: { 200: pageOf(SmsOutboxItem), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      await auth.operator(request, 'sms.read');
      const { phone, page, pageSize } = request.query;
      return sms.outbox(phone, page, pageSize);
    },
  );
}
