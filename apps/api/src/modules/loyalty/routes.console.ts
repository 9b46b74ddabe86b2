import {
  ErrorBody,
  LevelRules,
  LevelRulesUpdate,
  MemberPointsConsole,
  PointsAdjustmentRequest,
  PointsAdjustmentResult,
  PointsQuery,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { LoyaltyModule } from './index.js';
import { presentEntry } from './routes.member.js';

const tags = ['console: loyalty'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional().describe('Required: a unique id per attempt') });
const access = { operator: 'loyalty.manage' } as const;

/** Growth operators adjust points (reason required, audited, never below zero) and edit the level rules. */
export function loyaltyConsoleRoutes(app: HttpApp, { auth }: RouteContext, loyalty: LoyaltyModule, idem: IdempotencyStore): void {
  const manager = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'loyalty.manage');

  app.get(
    '/loyalty/members/:id/points',
    {
      config: { access },
      schema: {
        tags,
        summary: "A member's points balance, unrecovered clawbacks, level and statement",
        params: z.object({ id: z.uuid() }),
        querystring: PointsQuery,
        response: { 200: MemberPointsConsole, ...errors },
      },
    },
    async (request) => {
      await manager(request);
      const { before, limit } = request.query;
      const view = await loyalty.memberPoints(request.params.id, { before, limit: limit + 1 });
      const page = view.entries.slice(0, limit);
      return {
        memberId: request.params.id,
        balance: view.balance,
        shortfall: view.shortfall,
        level: { level: view.level.level, nameZh: view.level.nameZh, growth: view.level.growth },
        entries: page.map(presentEntry),
        nextBefore: view.entries.length > limit ? page[page.length - 1]!.id : null,
      };
    },
  );

  app.post(
    '/loyalty/points-adjustments',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Adjust a member’s points (+ grant / − deduct, reason required, never below zero; audited)',
        headers: IdempotencyHeader,
        body: PointsAdjustmentRequest,
        response: { 201: PointsAdjustmentResult, ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      return idempotent(idem, request, reply, `operator:${op.operatorId}`, async (key) => ({
        status: 201,
        body: await loyalty.adjustPoints(op, request.body, key, requestMeta(request).ip),
      }));
    },
  );

  app.get(
    '/loyalty/level-rules',
    { config: { access }, schema: { tags, summary: 'Level thresholds and privileges', response: { 200: LevelRules, ...errors } } },
    async (request) => {
      await manager(request);
      return { rules: await loyalty.levels.rules() };
    },
  );

  app.put(
    '/loyalty/level-rules',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Replace the level rules (levels 0…n, thresholds increasing from 0); members move at the next evaluation; audited',
        body: LevelRulesUpdate,
        response: { 200: LevelRules, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return { rules: await loyalty.updateLevelRules(op, request.body.rules, requestMeta(request).ip) };
    },
  );
}
