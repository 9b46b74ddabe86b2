import { sql } from 'kysely';
import { shanghaiDay } from '../../platform/clock.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { fail } from '../../platform/errors.js';
import type { LoyaltyDeps } from './deps.js';
import { ACTIVITY_GROWTH, recordGrowth } from './levels.js';
import * as points from './points.js';
import { t } from './repo.js';

/** Check-in rules: base points a day, streak bonuses on every Nth consecutive day, make-ups paid with points. */
export const CHECKIN_RULES = {
  base: 5,
  bonuses: [
    { every: 7, points: 20 },
    { every: 30, points: 100 },
  ],
  makeUp: { cost: 20, windowDays: 7, perMonth: 3 },
} as const;

export const bonusFor = (streak: number): number => CHECKIN_RULES.bonuses.reduce((s, b) => s + (streak % b.every === 0 ? b.points : 0), 0);

const DAY_MS = 86_400_000;
/** 'YYYY-MM-DD' ± n days (calendar arithmetic on the date itself, no time zone involved). */
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export interface CheckinOutcome {
  day: string;
  kind: 'daily' | 'makeup';
  streak: number;
  points: number;
  bonus: number;
  cost: number;
  balance: number;
}

/** Check-ins and make-ups of one member queue on this lock (streaks are recomputed under it). */
const lockMember = (trx: Tx, memberId: string) =>
  sql`SELECT pg_advisory_xact_lock(hashtext(${`loyalty-checkin:${memberId}`}))`.execute(trx);

async function streakEnding(trx: Tx, memberId: string, day: string): Promise<number> {
  const row = await t(trx)
    .selectFrom('loyalty_checkins')
    .select('streak')
    .where('member_id', '=', memberId)
    .where('day', '=', day)
    .executeTakeFirst();
  return row?.streak ?? 0;
}

/** After a make-up joins two runs, the days after it carry the longer streak. */
async function restreakAfter(trx: Tx, memberId: string, day: string, streak: number): Promise<void> {
  const later = await t(trx)
    .selectFrom('loyalty_checkins')
    .select(['day', 'streak'])
    .where('member_id', '=', memberId)
    .where('day', '>', day)
    .orderBy('day')
    .execute();
  let expected = addDays(day, 1);
  let s = streak;
  for (const row of later) {
    if (row.day !== expected) break;
    s += 1;
    if (row.streak !== s)
      await t(trx)
        .updateTable('loyalty_checkins')
        .set({ streak: s })
        .where('member_id', '=', memberId)
        .where('day', '=', row.day)
        .execute();
    expected = addDays(expected, 1);
  }
}

async function makeUpsThisMonth(db: Executor, memberId: string, today: string): Promise<number> {
  const month = today.slice(0, 7);
  const row = await t(db)
    .selectFrom('loyalty_checkins')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('member_id', '=', memberId)
    .where('kind', '=', 'makeup')
    .where(sql<boolean>`to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Today's check-in (Shanghai day): base points plus the streak bonus, earned as a lot; or, with
 * `makeUpDay`, a missed day of the last week filled for points (no points earned, the streak joined).
 */
export async function checkIn(deps: LoyaltyDeps, memberId: string, input: { makeUpDay?: string | undefined }): Promise<CheckinOutcome> {
  const now = deps.clock.now();
  const today = shanghaiDay(now);
  // A make-up cannot go back before the member existed (read through identity before the transaction).
  const registered = input.makeUpDay === undefined ? null : await deps.registeredAt(memberId);
  const firstDay = registered ? shanghaiDay(registered) : null;
  const outcome = await transact(deps.db, async (trx) => {
    await lockMember(trx, memberId);
    if (input.makeUpDay === undefined || input.makeUpDay === today) {
      const streak = (await streakEnding(trx, memberId, addDays(today, -1))) + 1;
      const bonus = bonusFor(streak);
      const earned = CHECKIN_RULES.base + bonus;
      const inserted = await t(trx)
        .insertInto('loyalty_checkins')
        .values({ member_id: memberId, day: today, kind: 'daily', streak, points: earned, cost: 0, created_at: now })
        .onConflict((oc) => oc.columns(['member_id', 'day']).doNothing())
        .returning('day')
        .executeTakeFirst();
      if (!inserted) fail('ALREADY_CHECKED_IN');
      const result = await points.earn(deps.clock, trx, {
        memberId,
        points: earned,
        source: 'checkin',
        ref: `checkin:${memberId}:${today}`,
        reason: bonus > 0 ? `签到（连续 ${streak} 天，含奖励 ${bonus}）` : `签到（连续 ${streak} 天）`,
      });
      await restreakAfter(trx, memberId, today, streak);
      await recordGrowth(trx, {
        memberId,
        kind: 'activity',
        growth: ACTIVITY_GROWTH.checkin.growth,
        ref: `checkin:${memberId}:${today}`,
        at: now,
      });
      await deps.outbox.emit(trx, 'loyalty.checked_in', { memberId, day: today, streak, points: earned, kind: 'daily' });
      return { day: today, kind: 'daily' as const, streak, points: earned, bonus, cost: 0, balance: result.balanceAfter };
    }
    const day = input.makeUpDay;
    if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || addDays(day, 0) !== day) fail('VALIDATION_FAILED');
    if (day > today) fail('MAKEUP_NOT_ALLOWED', { reason: '不能补签未来的日期' });
    if (firstDay && day < firstDay) fail('MAKEUP_NOT_ALLOWED', { reason: '不能补签注册之前的日期' });
    if (day < addDays(today, -CHECKIN_RULES.makeUp.windowDays))
      fail('MAKEUP_NOT_ALLOWED', { reason: `只能补签最近 ${CHECKIN_RULES.makeUp.windowDays} 天` });
    if ((await makeUpsThisMonth(trx, memberId, today)) >= CHECKIN_RULES.makeUp.perMonth)
      fail('MAKEUP_NOT_ALLOWED', { reason: `本月补签次数已用完（每月 ${CHECKIN_RULES.makeUp.perMonth} 次）` });
    const streak = (await streakEnding(trx, memberId, addDays(day, -1))) + 1;
    const inserted = await t(trx)
      .insertInto('loyalty_checkins')
      .values({ member_id: memberId, day, kind: 'makeup', streak, points: 0, cost: CHECKIN_RULES.makeUp.cost, created_at: now })
      .onConflict((oc) => oc.columns(['member_id', 'day']).doNothing())
      .returning('day')
      .executeTakeFirst();
    if (!inserted) fail('ALREADY_CHECKED_IN');
    const spent = await points.spend(deps.clock, trx, {
      memberId,
      points: CHECKIN_RULES.makeUp.cost,
      source: 'checkin',
      ref: `checkin:makeup:${memberId}:${day}`,
      reason: `补签 ${day}`,
    });
    await restreakAfter(trx, memberId, day, streak);
    await deps.outbox.emit(trx, 'loyalty.checked_in', { memberId, day, streak, points: 0, kind: 'makeup' });
    return { day, kind: 'makeup' as const, streak, points: 0, bonus: 0, cost: CHECKIN_RULES.makeUp.cost, balance: spent.balanceAfter };
  });
  return outcome;
}

/** The check-in calendar of a month (default: this Shanghai month). */
export async function checkinMonth(deps: Pick<LoyaltyDeps, 'db' | 'clock' | 'registeredAt'>, memberId: string, month?: string) {
  const now = deps.clock.now();
  const today = shanghaiDay(now);
  const m = month ?? today.slice(0, 7);
  const first = `${m}-01`;
  const next = addDays(`${m}-28`, 4).slice(0, 7) + '-01';
  const rows = await t(deps.db)
    .selectFrom('loyalty_checkins')
    .select(['day', 'kind', 'streak', 'points'])
    .where('member_id', '=', memberId)
    .where('day', '>=', first)
    .where('day', '<', next)
    .orderBy('day')
    .execute();
  const recent = await t(deps.db)
    .selectFrom('loyalty_checkins')
    .select(['day', 'streak'])
    .where('member_id', '=', memberId)
    .where('day', '>=', addDays(today, -CHECKIN_RULES.makeUp.windowDays - 1))
    .execute();
  const byDay = new Map(recent.map((r) => [r.day, r.streak]));
  const streak = byDay.get(today) ?? byDay.get(addDays(today, -1)) ?? 0;
  const registered = await deps.registeredAt(memberId);
  const firstDay = registered ? shanghaiDay(registered) : null;
  const missed: string[] = [];
  for (let i = CHECKIN_RULES.makeUp.windowDays; i >= 1; i--) {
    const d = addDays(today, -i);
    if (!byDay.has(d) && (!firstDay || d >= firstDay)) missed.push(d);
  }
  const used = await makeUpsThisMonth(deps.db, memberId, today);
  return {
    month: m,
    today,
    days: rows,
    checkedInToday: byDay.has(today),
    streak,
    makeUp: {
      cost: CHECKIN_RULES.makeUp.cost,
      windowDays: CHECKIN_RULES.makeUp.windowDays,
      perMonth: CHECKIN_RULES.makeUp.perMonth,
      usedThisMonth: used,
      days: used >= CHECKIN_RULES.makeUp.perMonth ? [] : missed,
    },
    rules: { base: CHECKIN_RULES.base, bonuses: CHECKIN_RULES.bonuses.map((b) => ({ every: b.every, points: b.points })) },
  };
}
