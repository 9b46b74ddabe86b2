import { shanghaiDayStart } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { fenToYuan } from '../../platform/money.js';
import * as repo from './repo.js';

/** Call inside the order's transaction after `lockMemberOrders`, so two requests cannot both fit the last yuan. */
export async function enforceDailyLimit(
  trx: Tx,
  memberId: string,
  type: repo.OrderType,
  amount: bigint,
  limit: bigint,
  now: Date,
): Promise<void> {
  const used = await repo.usedToday(trx, memberId, type, shanghaiDayStart(now));
  if (used + amount > limit) throw new AppError('DAILY_LIMIT_EXCEEDED', { remaining: fenToYuan(limit > used ? limit - used : 0n) });
}
