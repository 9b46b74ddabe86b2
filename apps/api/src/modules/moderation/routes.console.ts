import {
  AppealDecisionRequest,
  AppealsQuery,
  ConsoleAppeal,
  DismissReportsRequest,
  DismissReportsResponse,
  ErrorBody,
  ModerationActRequest,
  ModerationQueue,
  QueueQuery,
  SensitiveWord,
  SensitiveWordRequest,
  SensitiveWords,
  StaffModlogEntry,
  StaffModlogPage,
  StaffModlogQuery,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { ModerationModule } from './index.js';

const tags = ['console: community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Id = z.object({ id: z.uuid() });
const PERMISSION = 'community.moderate';

/**
 * The moderation console: queue, act with a rule, log, appeals, sensitive words. Every write is
 * audited in its own transaction. Idempotency-Key is not required (nothing moves money): content
 * actions are refused by state — a second hide of hidden content is MODERATION_STATE_CONFLICT, not a
 * second action. A client that retries a mute or a warning after a timeout sends a key, and the
 * retry replays the first answer instead of muting twice.
 */
export function moderationConsoleRoutes(app: HttpApp, { auth }: RouteContext, moderation: ModerationModule, idem: IdempotencyStore): void {
  app.get(
    '/moderation/queue',
    {
      config: { access: { operator: PERMISSION } },
      schema: {
        tags,
        summary: 'Open reports grouped by target, and held content, oldest first',
        querystring: QueueQuery,
        response: { 200: ModerationQueue, ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, PERMISSION);
      return moderation.queue(request.query.limit);
    },
  );

  app.post(
    '/moderation/actions',
    {
      config: { access: { operator: PERMISSION } },
      schema: {
        tags,
        summary: 'Hide, delete, mute, remove from a group, warn, release or restore — citing a charter rule and a reason',
        body: ModerationActRequest,
        response: { 201: StaffModlogEntry, ...errors },
      },
    },
    async (request, reply) => {
      const operator = await auth.operator(request, PERMISSION);
      const actor = { kind: 'operator' as const, operator, ip: requestMeta(request).ip };
      const run = () => moderation.act(undefined, { ...request.body, actor });
      if (!request.headers['idempotency-key']) return reply.code(201).send(await run());
      return idempotent(idem, request, reply, `operator:${operator.operatorId}`, async () => ({ status: 201, body: await run() }));
    },
  );

  app.post(
    '/moderation/reports/:id/dismiss',
    {
      config: { access: { operator: PERMISSION } },
      schema: {
        tags,
        summary: 'Dismiss a report, with every other open report on the same target',
        params: Id,
        body: DismissReportsRequest,
        response: { 200: DismissReportsResponse, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, PERMISSION);
      return moderation.dismissReports(op, request.params.id, request.body.note, requestMeta(request).ip);
    },
  );

  app.get(
    '/moderation/log',
    {
      config: { access: { operator: PERMISSION } },
      schema: {
        tags,
        summary: 'The moderation log with every detail (operator names, member ids)',
        querystring: StaffModlogQuery,
        response: { 200: StaffModlogPage, ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, PERMISSION);
      return moderation.staffModlog(request.query);
    },
  );

  app.get(
    '/moderation/appeals',
    {
      config: { access: { operator: PERMISSION } },
      schema: {
        tags,
        summary: 'Appeals: pending ones oldest first, decided ones newest first',
        querystring: AppealsQuery,
        response: { 200: z.object({ items: z.array(ConsoleAppeal) }), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, PERMISSION);
      return { items: await moderation.consoleAppeals(request.query) };
    },
  );

  app.post(
    '/moderation/appeals/:id/decide',
    {
      config: { access: { operator: PERMISSION } },
      schema: {
        tags,
        summary: 'Decide an appeal (not by the operator who acted); the outcome is published',
        params: Id,
        body: AppealDecisionRequest,
        response: { 200: ConsoleAppeal, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, PERMISSION);
      return moderation.decideAppeal(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );

  app.get(
    '/moderation/words',
    {
      config: { access: { operator: PERMISSION } },
      schema: { tags, summary: "The word filter's list", response: { 200: SensitiveWords, ...errors } },
    },
    async (request) => {
      await auth.operator(request, PERMISSION);
      return { items: await moderation.words() };
    },
  );

  app.post(
    '/moderation/words',
    {
      config: { access: { operator: PERMISSION } },
      schema: {
        tags,
        summary: 'Add a word (or replace its verdict) under a charter rule',
        body: SensitiveWordRequest,
        response: { 201: SensitiveWord, ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, PERMISSION);
      return reply.code(201).send(await moderation.addWord(op, request.body, requestMeta(request).ip));
    },
  );

  app.delete(
    '/moderation/words/:id',
    {
      config: { access: { operator: PERMISSION } },
      schema: { tags, summary: 'Take a word off the list', params: Id, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const op = await auth.operator(request, PERMISSION);
      await moderation.removeWord(op, request.params.id, requestMeta(request).ip);
      return reply.code(204).send(null);
    },
  );
}
