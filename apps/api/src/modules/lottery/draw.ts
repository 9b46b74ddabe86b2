import type { ShippingAddress } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { LotteryDeps } from './deps.js';
import { rollNumber, rolledPosition } from './fairness.js';
import { presentDraw } from './present.js';
import * as repo from './repo.js';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * One draw, decided on the server in one transaction: the wheel's next draw number under its row
 * lock (so the public record has no gaps), a chance (or the wheel's points cost through loyalty), the
 * roll from the secret seed, the prize's stock by conditional decrement (never below zero — a sold
 * out prize is substituted, visibly), the miss streak for the guarantee, and the prize granted in the
 * same transaction (points, coupons) or by an outbox event (experience money). The Idempotency-Key is
 * stored on the draw: a replay returns the first result.
 */
export async function drawOnce(deps: LotteryDeps, memberId: string, wheelId: string, key: string) {
  const now = deps.clock.now();
  try {
    return await transact(deps.db, (trx) => drawIn(trx, deps, memberId, wheelId, key, now));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // The same key raced in: the first draw is the answer.
    const first = await repo.drawByKey(deps.db, memberId, wheelId, key);
    if (!first) throw err;
    return present(deps, first);
  }
}

async function present(deps: LotteryDeps, d: repo.DrawRow) {
  const prizes = await repo.prizesOf(deps.db, [d.wheel_id]);
  return presentDraw(
    d,
    prizes.find((p) => p.id === d.prize_id),
  );
}

async function drawIn(trx: Tx, deps: LotteryDeps, memberId: string, wheelId: string, key: string, now: Date) {
  const earlier = await repo.drawByKey(trx, memberId, wheelId, key);
  if (earlier)
    return presentDraw(
      earlier,
      (await repo.prizesOf(trx, [wheelId])).find((p) => p.id === earlier.prize_id),
    );

  const wheel = await repo.nextSeq(trx, wheelId);
  if (!wheel) {
    const w = await repo.wheel(trx, wheelId);
    if (!w || w.status === 'draft') throw new AppError('NOT_FOUND');
    throw new AppError('LOTTERY_NOT_OPEN');
  }
  const seq = wheel.draw_count;
  await repo.ensureMember(trx, wheelId, memberId);
  const state = await repo.memberStateForUpdate(trx, wheelId, memberId);
  let paidWith: 'chance' | 'points';
  if (state.used < state.granted) {
    paidWith = 'chance';
  } else if (wheel.points_cost > 0) {
    paidWith = 'points';
    await deps.points().spend(trx, {
      memberId,
      points: wheel.points_cost,
      source: 'lottery',
      ref: `lottery:${wheelId}:${memberId}:${key}`,
      reason: `抽奖：${wheel.name}`,
    });
  } else {
    throw new AppError('LOTTERY_NO_CHANCES');
  }

  const prizes = await repo.prizesOf(trx, [wheelId]);
  const guaranteed = wheel.guarantee_after !== null && state.misses >= wheel.guarantee_after;
  const weightPercent = Math.min(1000, Math.max(100, Math.round(await deps.lotteryWeight(memberId, trx))));
  const rolled = rolledPosition(prizes, rollNumber(wheel.server_seed, wheelId, seq), guaranteed, weightPercent);
  // The rolled prize if any is left; otherwise the substitute the published rule names.
  const order = [
    rolled,
    ...prizes.map((p) => p.position).filter((pos) => pos > rolled),
    ...prizes.map((p) => p.position).filter((pos) => pos < rolled),
  ];
  const candidates = guaranteed
    ? order.map((pos) => prizes.find((p) => p.position === pos)!).filter((p) => p.kind !== 'none')
    : [
        prizes.find((p) => p.position === rolled)!,
        ...prizes.filter((p) => p.kind === 'none'),
        ...order.slice(1).map((pos) => prizes.find((p) => p.position === pos)!),
      ];
  let prize: repo.PrizeRow | undefined;
  for (const c of candidates) {
    if (await repo.takeStock(trx, c.id)) {
      prize = c;
      break;
    }
  }
  const won = !!prize && prize.kind !== 'none';
  await repo.setMemberState(trx, wheelId, memberId, {
    used: paidWith === 'chance' ? state.used + 1 : state.used,
    misses: won ? 0 : state.misses + 1,
  });
  const fulfilment: repo.Fulfilment = !won ? 'none' : prize!.kind === 'physical' ? 'awaiting_address' : 'granted';
  const row = await repo.insertDraw(trx, {
    wheel_id: wheelId,
    seq,
    member_id: memberId,
    idempotency_key: key,
    paid_with: paidWith,
    rolled_position: rolled,
    prize_id: prize?.id ?? null,
    guaranteed,
    weight_percent: weightPercent,
    substituted: prize?.position !== rolled,
    fulfilment,
    address_enc: null,
    tracking: null,
    created_at: now,
  });
  if (won) await grantPrize(trx, deps, memberId, row.id, prize!);
  await deps.outbox.emit(trx, 'lottery.drawn', {
    drawId: row.id,
    wheelId,
    memberId,
    seq,
    won,
    prizeKind: prize?.kind ?? null,
  });
  return presentDraw(row, prize);
}

async function grantPrize(trx: Tx, deps: LotteryDeps, memberId: string, drawId: string, prize: repo.PrizeRow) {
  switch (prize.kind) {
    case 'points':
      await deps.points().earn(trx, {
        memberId,
        points: prize.points!,
        source: 'lottery',
        ref: `lottery:draw:${drawId}`,
        reason: `抽奖奖品：${prize.name}`,
      });
      return;
    case 'experience':
      // investing grants in its own transaction: an event from this one makes the grant durable (keyed by the draw).
      await deps.outbox.emit(trx, 'lottery.experience_won', {
        drawId,
        memberId,
        amount: String(prize.amount),
        days: prize.days,
        name: prize.name,
      });
      return;
    case 'coupon': {
      const handler = deps.prizeHandlers.get('coupon');
      if (!handler) throw new AppError('WHEEL_INVALID', { reason: 'coupons are not available' });
      await handler(trx, {
        memberId,
        drawId,
        prize: {
          id: prize.id,
          name: prize.name,
          kind: prize.kind,
          points: prize.points,
          amount: prize.amount,
          days: prize.days,
          couponRef: prize.coupon_ref,
        },
      });
      return;
    }
    default:
      return;
  }
}

/** The address for a physical prize; kept encrypted (personal data), shown to the console masked. */
export async function setAddress(deps: LotteryDeps, memberId: string, drawId: string, address: ShippingAddress) {
  return transact(deps.db, async (trx) => {
    const d = await repo.draw(trx, drawId);
    if (!d || d.member_id !== memberId) throw new AppError('NOT_FOUND');
    const updated = await repo.updateDraw(trx, drawId, 'awaiting_address', {
      fulfilment: 'to_ship',
      address_enc: deps.vault.encrypt(JSON.stringify(address)),
    });
    if (!updated) throw new AppError('FULFILMENT_STATE_CONFLICT');
    return presentDraw(
      updated,
      (await repo.prizesOf(trx, [d.wheel_id])).find((p) => p.id === d.prize_id),
    );
  });
}

export async function myDraws(deps: LotteryDeps, memberId: string, page: number, pageSize: number) {
  const rows = await repo.memberDraws(deps.db, memberId, pageSize, (page - 1) * pageSize);
  const prizes = await repo.prizesOf(deps.db, [...new Set(rows.map((r) => r.wheel_id))]);
  return {
    items: rows.map((d) =>
      presentDraw(
        d,
        prizes.find((p) => p.id === d.prize_id),
      ),
    ),
    total: await repo.countMemberDraws(deps.db, memberId),
    page,
    pageSize,
  };
}
