import { BroadcastRequest, ErrorBody, RealtimeTicket } from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { RealtimeModule } from './index.js';

const tags = ['console: real-time'];

export function realtimeConsoleRoutes(app: HttpApp, { auth }: RouteContext, realtime: RealtimeModule): void {
  app.post(
    '/realtime/tickets',
    {
      config: { access: 'operator' },
      schema: { tags, summary: 'A single-use, 30-second ticket to open /ws?ticket=…', response: { 201: RealtimeTicket, 401: ErrorBody } },
    },
    async (request, reply) => {
      const op = await auth.operator(request);
      return reply
        .code(201)
        .send(await realtime.tickets.issue({ kind: 'operator', operatorId: op.operatorId, sessionId: op.sessionId, roles: op.roles }));
    },
  );

  app.post(
    '/realtime/broadcast',
    {
      config: { access: { operator: 'realtime.broadcast' } },
      schema: {
        tags,
        summary: 'Publish an event to a channel (administrators)',
        body: BroadcastRequest,
        response: { 202: z.object({ eventId: z.string() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'realtime.broadcast');
      return reply.code(202).send(await realtime.broadcast(op, request.body, requestMeta(request)));
    },
  );
}
