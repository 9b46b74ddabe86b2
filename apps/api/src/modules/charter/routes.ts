import { CharterDiff, CharterVersion, ErrorBody, PublicCharter, PublishCharterRequest } from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { CharterModule } from './index.js';

/** Public: `GET /api/v1/public/charter[/versions/:v|/diff]`, no login. */
export function charterPublicRoutes(app: HttpApp, charter: CharterModule): void {
  app.get(
    '/public/charter',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'The community charter in force and its version history',
        response: { 200: PublicCharter, 404: ErrorBody },
      },
    },
    async () => charter.publicCharter(),
  );
  app.get(
    '/public/charter/versions/:version',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'One version of the charter',
        params: z.object({ version: z.coerce.number().int().min(1) }),
        response: { 200: CharterVersion, 404: ErrorBody },
      },
    },
    async (request) => charter.version(request.params.version),
  );
  app.get(
    '/public/charter/diff',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'What changed between two versions, rule by rule',
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
        response: { 200: CharterDiff, 404: ErrorBody },
      },
    },
    async (request) => charter.diff(request.query.from, request.query.to),
  );
}

/** Compliance and community managers publish new versions; audited. */
export function charterConsoleRoutes(app: HttpApp, { auth }: RouteContext, charter: CharterModule): void {
  app.post(
    '/charter',
    {
      config: { access: { operator: 'charter.edit' } },
      schema: {
        tags: ['console: community'],
        summary: 'Publish a new version of the charter',
        body: PublishCharterRequest,
        response: { 201: CharterVersion, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'charter.edit');
      return reply.code(201).send(await charter.publish(op, request.body, requestMeta(request).ip));
    },
  );
}
