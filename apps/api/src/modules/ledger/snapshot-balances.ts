import { shanghaiDay, shanghaiDayStart } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/connect.js';
import * as repo from './repo.js';

/**
 * Freezes every account's balance at the end of the Asia/Shanghai day before `now` (runs just after
 * midnight). Computed from entries before the boundary, so a late run gives the same numbers; a
 * second run for the same day adds nothing.
 */
export async function snapshotBalances(db: Executor, now: Date): Promise<{ day: string; accounts: number }> {
  const boundary = shanghaiDayStart(now);
  const day = shanghaiDay(new Date(boundary.getTime() - 1));
  const accounts = await repo.writeSnapshots(db, day, boundary, now);
  return { day, accounts };
}

export async function snapshotTotals(db: Executor, day: string) {
  const rows = await repo.snapshotTotals(db, day);
  return rows.map((r) => ({ kind: r.kind, balance: String(r.balance), accounts: Number(r.accounts) }));
}
