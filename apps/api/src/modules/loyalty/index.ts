import type { PointsAdjustmentRequest } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { CronJob } from '../../platform/jobs/scheduler.js';
import { transact } from '../../platform/db/transact.js';
import { isUuid } from '../../platform/ids.js';
import { shanghaiDayStart } from '../../platform/clock.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { InvestingModule } from '../investing/index.js';
import { adjustPoints, updateLevelRules } from './adjust.js';
import { checkIn, checkinMonth } from './checkin.js';
import type { LoyaltyDeps } from './deps.js';
import * as levelsCore from './levels.js';
import * as pointsCore from './points.js';
import { t } from './repo.js';

export type { EarnInput, SpendInput, ReverseInput, PointsResult, ReverseResult, StatementEntry } from './points.js';
export type { MemberLevel, LevelRule, Privilege } from './levels.js';
export type { LevelPrivileges } from './repo.js';
export { MAX_POINTS_PER_ENTRY } from './points.js';
export { CHECKIN_RULES } from './checkin.js';
export { loyaltyMemberRoutes } from './routes.member.js';
export { loyaltyConsoleRoutes } from './routes.console.js';

const SUBSCRIBER = 'loyalty';
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Loyalty (会员忠诚度): the points ledger (积分: earn in lots with expiry, spend oldest-expiry first,
 * expire, reverse/claw back — never negative), member levels (会员等级) with privileges, and daily
 * check-in (签到). Other modules grant and spend points through `points.*` inside their own
 * transaction and ask `levels.levelOf` / `levels.hasPrivilege`.
 */
export function createLoyaltyModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'logger'>,
  modules: { audit: AuditModule; identity: IdentityModule; investing: InvestingModule },
) {
  const { db, clock } = platform;
  const deps: LoyaltyDeps = {
    db,
    clock,
    outbox: platform.outbox,
    logger: platform.logger,
    audit: modules.audit,
    registeredAt: async (memberId) => {
      try {
        return new Date((await modules.identity.profile(memberId)).createdAt);
      } catch {
        return null;
      }
    },
  };
  const points = {
    /** Adds a lot of points (expiring at `expiresAt`, default the end of next year). Idempotent on `ref`. */
    earn: (trx: Tx, input: pointsCore.EarnInput) => pointsCore.earn(clock, trx, { ...input, kind: 'earn' }),
    /** Spends points oldest-expiry first; `INSUFFICIENT_POINTS` when short (nothing spent). Idempotent on `ref`. */
    spend: (trx: Tx, input: pointsCore.SpendInput) => pointsCore.spend(clock, trx, { ...input, kind: 'spend' }),
    /** Reverses what was booked under `ref` (earn → clawback never below zero, shortfall recorded; spend → refund). Null if nothing was. */
    reverse: (trx: Tx, input: pointsCore.ReverseInput) => pointsCore.reverse(clock, trx, input),
    /** Spendable balance now; pass the caller's transaction to read on it. */
    balance: (memberId: string, on: Executor = db) => pointsCore.balance(clock, on, memberId),
    expiringSoon: (memberId: string, on: Executor = db) => pointsCore.expiringSoon(clock, on, memberId),
    statement: (memberId: string, page: { before?: string | undefined; limit: number }, on: Executor = db) =>
      pointsCore.statement(on, memberId, page),
    /** The expiry job's work (also run lazily on each member's next change). */
    expire: (now: Date) => pointsCore.expireAll(db, now),
  };
  const evaluate = async (memberId: string, cause: levelsCore.EvaluationCause, now = clock.now()) =>
    levelsCore.evaluate(deps, memberId, cause, now, await deps.registeredAt(memberId));
  const levels = {
    /** The member's current level, growth value and privileges (level 0 if never evaluated). */
    levelOf: (memberId: string, on: Executor = db) => levelsCore.levelOf(on, isUuid(memberId) ? memberId : NIL),
    /** Whether the member's level grants a privilege (withdrawal fee waiver, exclusive products, live seats). */
    hasPrivilege: async (memberId: string, privilege: levelsCore.Privilege, on: Executor = db) =>
      (await levels.levelOf(memberId, on)).privileges[privilege] === true,
    /** The member's lottery weight in percent (100 = normal). */
    lotteryWeight: async (memberId: string, on: Executor = db) => (await levels.levelOf(memberId, on)).privileges.lotteryWeight,
    rules: (on: Executor = db) => levelsCore.listRules(on),
    /** Re-evaluates one member now (upgrades only; downgrades wait for the nightly run). */
    evaluate: (memberId: string) => evaluate(memberId, 'event'),
    /** The nightly run (upgrades and downgrades). */
    evaluateAll: (now: Date) => levelsCore.evaluateAll(deps, now),
    view: (memberId: string) => levelsCore.memberLevelView(db, memberId),
  };

  /** Investment growth from a cash purchase, then an upgrade check. Deduplicated by the order. */
  async function onPurchased(event: DomainEvent) {
    const p = event.payload as { memberId?: string; orderId?: string; amount?: string; fundedBy?: string };
    if (!isUuid(p.memberId) || !p.orderId || p.fundedBy === 'experience' || !/^\d+$/.test(p.amount ?? '')) return;
    const growth = Number(BigInt(p.amount!) / levelsCore.FEN_PER_INVESTMENT_GROWTH);
    if (growth <= 0) return;
    const memberId = p.memberId;
    await transact(db, (trx) =>
      levelsCore.recordGrowth(trx, {
        memberId,
        kind: 'investment',
        growth: Math.min(growth, 10_000_000),
        ref: `purchase:${p.orderId}`,
        at: event.occurredAt,
      }),
    );
    await evaluate(memberId, 'event');
  }

  /** Activity growth from a forum reply, at most a few a Shanghai day; deduplicated by the reply. */
  async function onReply(event: DomainEvent) {
    const p = event.payload as { authorId?: string; replyId?: string };
    if (!isUuid(p.authorId) || !p.replyId) return;
    const memberId = p.authorId;
    const rule = levelsCore.ACTIVITY_GROWTH.forum_reply;
    const dayStart = shanghaiDayStart(event.occurredAt);
    const counted = await transact(db, async (trx) => {
      const today = await t(trx)
        .selectFrom('loyalty_growth_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('member_id', '=', memberId)
        .where('ref', 'like', 'forum_reply:%')
        .where('occurred_at', '>=', dayStart)
        .where('occurred_at', '<', new Date(dayStart.getTime() + 86_400_000))
        .executeTakeFirst();
      if (Number(today?.n ?? 0) >= rule.perDay) return false;
      return levelsCore.recordGrowth(trx, {
        memberId,
        kind: 'activity',
        growth: rule.growth,
        ref: `forum_reply:${p.replyId}`,
        at: event.occurredAt,
      });
    });
    if (counted) await evaluate(memberId, 'event');
  }

  const cronJobs: CronJob[] = [
    // Lots past their expiry leave the balance (spends never use them even before this runs).
    { name: 'loyalty-expire-points', cron: '*/10 * * * *', run: (now) => points.expire(now) },
    // 02:30 Shanghai: every member's level re-evaluated; growth older than a year drops out, so levels can go down.
    { name: 'loyalty-evaluate-levels', cron: '30 2 * * *', run: (now) => levels.evaluateAll(now) },
  ];

  return {
    points,
    levels,
    cronJobs,
    subscribe() {
      platform.outbox.subscribe('investing.purchased', SUBSCRIBER, onPurchased);
      platform.outbox.subscribe('forum.reply_posted', SUBSCRIBER, onReply);
      platform.outbox.subscribe('member.registered', SUBSCRIBER, async (event) => {
        const memberId = (event.payload as { memberId?: string }).memberId;
        if (isUuid(memberId)) await evaluate(memberId, 'event');
      });
    },
    /** POST /checkins; the level is re-checked after the check-in commits. */
    checkIn: async (memberId: string, input: { makeUpDay?: string | undefined }) => {
      const outcome = await checkIn(deps, memberId, input);
      await evaluate(memberId, 'event').catch((err: unknown) => platform.logger.warn({ err }, 'level evaluation after check-in failed'));
      return outcome;
    },
    checkins: (memberId: string, month?: string) => checkinMonth(deps, memberId, month),
    adjustPoints: (op: OperatorPrincipal, input: PointsAdjustmentRequest, key: string, ip: string | null) =>
      adjustPoints(deps, op, input, key, ip),
    updateLevelRules: (op: OperatorPrincipal, rules: levelsCore.LevelRule[], ip: string | null) => updateLevelRules(deps, op, rules, ip),
    memberPoints: async (memberId: string, page: { before?: string | undefined; limit: number }) => {
      const account = await t(db)
        .selectFrom('loyalty_point_accounts')
        .select('shortfall')
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return {
        balance: await points.balance(memberId),
        shortfall: account?.shortfall ?? 0,
        level: await levels.levelOf(memberId),
        entries: await points.statement(memberId, page),
      };
    },
  };
}
export type LoyaltyModule = ReturnType<typeof createLoyaltyModule>;
