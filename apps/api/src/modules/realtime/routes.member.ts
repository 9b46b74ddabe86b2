import { ErrorBody, RealtimeTicket } from '@quanzi/contracts';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { RealtimeModule } from './index.js';

export function realtimeMemberRoutes(app: HttpApp, { auth }: RouteContext, realtime: RealtimeModule): void {
  app.post(
    '/realtime/tickets',
    {
      config: { access: 'member' },
      schema: {
        tags: ['member: real-time'],
        summary: 'A single-use, 30-second ticket to open /ws?ticket=…',
        response: { 201: RealtimeTicket, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const { memberId, sessionId } = await auth.member(request);
      // Bound to this session: once it ends (logout, device revoked), the ticket opens nothing.
      return reply.code(201).send(await realtime.tickets.issue({ kind: 'member', memberId, sessionId }));
    },
  );
}
