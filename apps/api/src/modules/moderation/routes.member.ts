import {
  Appeal,
  AppealRequest,
  ErrorBody,
  ModerationActRequest,
  MyModerationPage,
  PublicModlogEntry,
  ReportReceipt,
  ReportRequest,
} from '@quanzi/contracts';
import { z } from 'zod';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { ModerationModule } from './index.js';

const tags = ['community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * Members report and appeal; group owners, admins and experts moderate their group. Idempotency-Key
 * is not required (nothing here moves money): a repeated request is refused by state instead
 * (REPORT_DUPLICATE, APPEAL_NOT_ALLOWED, MODERATION_STATE_CONFLICT). A moderation action sent with a
 * key replays its first answer on retry (so a retried mute or warning is not given twice).
 */
export function moderationMemberRoutes(app: HttpApp, { auth }: RouteContext, moderation: ModerationModule, idem: IdempotencyStore): void {
  app.post(
    '/reports',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Report a message, post, comment or member under a charter rule',
        body: ReportRequest,
        response: { 201: ReportReceipt, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return reply.code(201).send(await moderation.report(memberId, request.body));
    },
  );

  app.post(
    '/appeals',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Appeal a moderation action against you (once per action)',
        body: AppealRequest,
        response: { 201: Appeal, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return reply.code(201).send(await moderation.appeal(memberId, request.body));
    },
  );

  app.get(
    '/me/appeals',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'My appeals, newest first', response: { 200: z.object({ items: z.array(Appeal) }), ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return { items: await moderation.myAppeals(memberId) };
    },
  );

  app.get(
    '/me/moderation',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Moderation actions against me, with their appeal state',
        querystring: z.strictObject({
          cursor: z
            .string()
            .regex(/^\d{1,19}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: MyModerationPage, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return moderation.myModeration(memberId, request.query);
    },
  );

  app.post(
    '/moderation/actions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: "Moderate in your group (owners, admins and experts): cite a rule and a reason; mutes are the group's only",
        body: ModerationActRequest,
        response: { 201: PublicModlogEntry, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      const run = async () => {
        const entry = await moderation.act(undefined, { ...request.body, actor: { kind: 'member', memberId } });
        return moderation.publicModlogEntry(entry.id);
      };
      if (!request.headers['idempotency-key']) return reply.code(201).send(await run());
      return idempotent(idem, request, reply, `member:${memberId}`, async () => ({ status: 201, body: await run() }));
    },
  );
}
