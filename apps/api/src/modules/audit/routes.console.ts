import { AuditEntry, AuditQuery, ErrorBody, PageQuery, pageOf } from '@quanzi/contracts';
import { z } from 'zod';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { AuditModule } from './index.js';

export function auditConsoleRoutes(app: HttpApp, { auth }: RouteContext, audit: AuditModule): void {
  app.get(
    '/audit-log',
    {
      config: { access: { operator: 'audit.read' } },
      schema: {
        tags: ['console: audit'],
        summary: 'Search the audit log, newest first',
        querystring: z.object({ ...PageQuery.shape, ...AuditQuery.shape }),
        response: { 200: pageOf(AuditEntry), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      await auth.operator(request, 'audit.read');
      const { page, pageSize, from, to, ...rest } = request.query;
      return audit.find({ ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined }, page, pageSize);
    },
  );

  app.get(
    '/audit-log/verify',
    {
      config: { access: { operator: 'audit.read' } },
      schema: {
        tags: ['console: audit'],
        summary: 'Recompute the hash chain and report the first broken entry, if any',
        response: { 200: z.object({ ok: z.boolean(), entries: z.number(), brokenAtSeq: z.string().nullable() }) },
      },
    },
    async (request) => {
      await auth.operator(request, 'audit.read');
      return audit.verify();
    },
  );
}
