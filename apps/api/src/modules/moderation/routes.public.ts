import { ErrorBody, ModlogQuery, PublicModlogEntry, PublicModlogPage } from '@quanzi/contracts';
import { z } from 'zod';
import type { HttpApp } from '../../platform/http/types.js';
import type { ModerationModule } from './index.js';

/** The public moderation log: no login; roles not names, redacted excerpts, never member ids. */
export function moderationPublicRoutes(app: HttpApp, moderation: ModerationModule): void {
  app.get(
    '/public/modlog',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'The public moderation log, newest first (keyset paging with cursor)',
        querystring: ModlogQuery,
        response: { 200: PublicModlogPage, 400: ErrorBody },
      },
    },
    async (request) => moderation.publicModlog(request.query),
  );
  app.get(
    '/public/modlog/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'One entry of the public moderation log',
        params: z.object({ id: z.uuid() }),
        response: { 200: PublicModlogEntry, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => moderation.publicModlogEntry(request.params.id),
  );
}
