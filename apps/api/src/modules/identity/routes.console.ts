import { ErrorBody, MemberDetail, MemberListItem, PageQuery, RevealRequest, RevealResponse, pageOf } from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { IdentityModule } from './index.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['console: members'];

export function identityConsoleRoutes(app: HttpApp, { auth }: RouteContext, identity: IdentityModule): void {
  app.get(
    '/members',
    {
      config: { access: { operator: 'members.read' } },
      schema: {
        tags,
        summary: 'Members, newest first; q = exact phone or member id',
        querystring: z.object({ ...PageQuery.shape, q: z.string().max(64).optional() }),
        response: { 200: pageOf(MemberListItem), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'members.read');
      return identity.searchMembers(request.query.q, request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/members/:id',
    {
      config: { access: { operator: 'members.read' } },
      schema: {
        tags,
        summary: 'One member, masked',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: MemberDetail, ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'members.read');
      return identity.memberDetail(request.params.id);
    },
  );

  app.post(
    '/members/:id/reveal',
    {
      config: { access: { operator: 'pii.reveal' } },
      schema: {
        tags,
        summary: 'Reveal one unmasked value (audited at the moment of the read)',
        params: z.object({ id: z.uuid() }),
        body: RevealRequest,
        response: { 200: RevealResponse, ...errors },
      },
    },
    async (request) => {
      const operator = await auth.operator(request, 'pii.reveal');
      return identity.reveal(operator, request.params.id, request.body, requestMeta(request));
    },
  );
}
