import { ErrorBody, EventBatch, EventBatchResult } from '@quanzi/contracts';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { AnalyticsModule } from './index.js';

const tags = ['analytics'];

/** The web SDK's batches. Anyone may send; a signed-in member's anonymous ids are stitched to them. */
export function analyticsMemberRoutes(app: HttpApp, { auth }: RouteContext, analytics: AnalyticsModule): void {
  app.post(
    '/events',
    {
      config: { access: 'optional-member', rateLimit: { max: 120, timeWindow: '1 minute' } },
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        summary:
          'A batch of browser events (page views, marked clicks, custom events): each is checked on its own, the valid ones kept, the others listed with a drop code',
        body: EventBatch,
        response: { 200: EventBatchResult, 400: ErrorBody, 401: ErrorBody, 413: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const memberId = request.memberPrincipal ? (await auth.member(request)).memberId : null;
      const meta = requestMeta(request);
      return analytics.ingest(request.body.events, { memberId, ip: meta.ip, userAgent: meta.userAgent });
    },
  );
}
