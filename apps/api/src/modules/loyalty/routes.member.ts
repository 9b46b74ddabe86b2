import {
  CheckinMonth,
  CheckinMonthQuery,
  CheckinRequest,
  CheckinResult,
  ErrorBody,
  MemberLevel,
  PointsQuery,
  PointsSummary,
} from '@quanzi/contracts';
import { z } from 'zod';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { LoyaltyModule } from './index.js';
import type { StatementEntry } from './points.js';

const tags = ['member: loyalty'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional().describe('Required: a unique id per attempt') });
const EXPIRING_WITHIN_DAYS = 30;

export const presentEntry = (e: StatementEntry) => ({
  id: e.id,
  kind: e.kind,
  points: e.points,
  balanceAfter: e.balanceAfter,
  source: e.source,
  reason: e.reason,
  shortfall: e.shortfall,
  expiresAt: e.expiresAt ? e.expiresAt.toISOString() : null,
  createdAt: e.createdAt.toISOString(),
});

export function loyaltyMemberRoutes(app: HttpApp, { auth }: RouteContext, loyalty: LoyaltyModule, idem: IdempotencyStore): void {
  app.get(
    '/me/points',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'My points: balance, points expiring within 30 days, the statement newest first (page with `before`)',
        querystring: PointsQuery,
        response: { 200: PointsSummary, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      const { before, limit } = request.query;
      const [balance, soon, entries] = await Promise.all([
        loyalty.points.balance(memberId),
        loyalty.points.expiringSoon(memberId),
        loyalty.points.statement(memberId, { before, limit: limit + 1 }),
      ]);
      const page = entries.slice(0, limit);
      return {
        balance,
        expiringSoon: { points: soon.points, firstAt: soon.firstAt ? soon.firstAt.toISOString() : null, withinDays: EXPIRING_WITHIN_DAYS },
        entries: page.map(presentEntry),
        nextBefore: entries.length > limit ? page[page.length - 1]!.id : null,
      };
    },
  );

  app.get(
    '/me/level',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'My level, growth value (investment, activity, tenure), privileges and the level rules',
        response: { 200: MemberLevel, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      const view = await loyalty.levels.view(memberId);
      return { ...view, levelSince: view.levelSince ? view.levelSince.toISOString() : null };
    },
  );

  app.post(
    '/checkins',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Check in today (Shanghai day; streak bonuses) or make up a missed day of the last week for points',
        headers: IdempotencyHeader,
        body: CheckinRequest,
        response: { 201: CheckinResult, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return idempotent(idem, request, reply, `member:${memberId}`, async () => ({
        status: 201,
        body: await loyalty.checkIn(memberId, request.body),
      }));
    },
  );

  app.get(
    '/me/checkins',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'My check-in calendar for a month (YYYY-MM, default this month), the streak and the make-up days open',
        querystring: CheckinMonthQuery,
        response: { 200: CheckinMonth, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return loyalty.checkins(memberId, request.query.month);
    },
  );
}
