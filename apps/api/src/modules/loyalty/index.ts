import type { Platform } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import type { CronJob } from '../../platform/jobs/scheduler.js';
import { isUuid } from '../../platform/ids.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { InvestingModule } from '../investing/index.js';
import * as levelsCore from './levels.js';
import * as pointsCore from './points.js';

export type { EarnInput, SpendInput, ReverseInput, PointsResult, ReverseResult, StatementEntry } from './points.js';
export type { MemberLevel, LevelRule, Privilege } from './levels.js';
export type { LevelPrivileges } from './repo.js';
export { MAX_POINTS_PER_ENTRY } from './points.js';

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
  void modules;
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
  const levels = {
    /** The member's current level, growth value and privileges (level 0 if never evaluated). */
    levelOf: (memberId: string, on: Executor = db) =>
      isUuid(memberId) ? levelsCore.levelOf(on, memberId) : levelsCore.levelOf(on, '00000000-0000-0000-0000-000000000000'),
    /** Whether the member's level grants a privilege (withdrawal fee waiver, exclusive products, live seats). */
    hasPrivilege: async (memberId: string, privilege: levelsCore.Privilege, on: Executor = db) =>
      (await levels.levelOf(memberId, on)).privileges[privilege] === true,
    /** The member's lottery weight in percent (100 = normal). */
    lotteryWeight: async (memberId: string, on: Executor = db) => (await levels.levelOf(memberId, on)).privileges.lotteryWeight,
    rules: (on: Executor = db) => levelsCore.listRules(on),
  };
  const cronJobs: CronJob[] = [
    // Lots past their expiry leave the balance (spends never use them even before this runs).
    { name: 'loyalty-expire-points', cron: '*/10 * * * *', run: (now) => points.expire(now) },
  ];
  return { points, levels, cronJobs };
}
export type LoyaltyModule = ReturnType<typeof createLoyaltyModule>;
