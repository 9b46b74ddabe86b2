import { AnnouncementRequest, ErrorBody, PageCursorQuery, ThreadDetail, UnansweredPage } from '@quanzi/contracts';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { ForumModule } from './index.js';

const tags = ['console: community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/** Community managers post official announcements (audited) and work through unanswered questions. */
export function forumConsoleRoutes(app: HttpApp, { auth }: RouteContext, forum: ForumModule): void {
  app.post(
    '/forum/announcements',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Post an official announcement (官方) in the square; audited',
        body: AnnouncementRequest,
        response: { 201: ThreadDetail, ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'community.manage');
      return reply.code(201).send(await forum.announce(op, request.body, requestMeta(request).ip));
    },
  );

  app.get(
    '/forum/questions/unanswered',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Questions nobody has replied to, oldest first (keyset: pass nextCursor)',
        querystring: PageCursorQuery,
        response: { 200: UnansweredPage, ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'community.manage');
      return forum.unanswered(request.query);
    },
  );
}
