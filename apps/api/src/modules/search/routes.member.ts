import { ErrorBody, SearchPage, SearchQuery } from '@quanzi/contracts';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { SearchModule } from './index.js';

const tags = ['member: community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

/** `GET /api/v1/search`; `scopesFor` lists what the member may see ('public', 'group:<id>'). */
export function searchMemberRoutes(
  app: HttpApp,
  { auth }: RouteContext,
  search: SearchModule,
  scopesFor: (memberId: string) => Promise<string[]>,
): void {
  app.get(
    '/search',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Search threads, Q&A and the messages of your groups (best match first, highlighted snippets as text segments)',
        querystring: SearchQuery,
        response: { 200: SearchPage, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      const { q, kind, cursor, limit } = request.query;
      return search.query({ q, scopes: await scopesFor(memberId), kinds: kind && [kind], limit, cursor });
    },
  );
}
