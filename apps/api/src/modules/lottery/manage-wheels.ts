import type { CreateWheel } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { parsePositiveFen } from '../../platform/money.js';
import { auditActor, type LotteryDeps } from './deps.js';
import { commitmentOf, newSeed, weightsDocument } from './fairness.js';
import { presentConsoleWheel } from './present.js';
import * as repo from './repo.js';

const invalid = (reason: string) => new AppError('WHEEL_INVALID', { reason });

/** Each prize carries exactly what its kind needs; coupons only when the coupon module registered its handler. */
async function checkPrize(deps: LotteryDeps, p: CreateWheel['prizes'][number], i: number) {
  const at = `#${i + 1}`;
  const amount = p.amount === undefined ? null : parsePositiveFen(p.amount);
  if (p.amount !== undefined && amount === null) throw invalid(`${at} amount`);
  switch (p.kind) {
    case 'points':
      if (!p.points) throw invalid(`${at} points required`);
      break;
    case 'experience':
      if (amount === null || !p.days) throw invalid(`${at} amount and days required`);
      break;
    case 'coupon':
      if (!p.couponRef) throw invalid(`${at} couponRef required`);
      if (!deps.prizeHandlers.has('coupon')) throw invalid(`${at} coupons are not available`);
      {
        const why = await deps.prizeChecks.get('coupon')?.(p.couponRef);
        if (why) throw invalid(`${at} ${why}`);
      }
      break;
    case 'physical':
      if (p.stock === undefined || p.stock === null) throw invalid(`${at} physical prizes need a stock`);
      break;
    case 'none':
      break;
  }
  return amount;
}

export async function createWheel(deps: LotteryDeps, op: OperatorPrincipal, input: CreateWheel, ip: string | null) {
  const amounts: Array<bigint | null> = [];
  for (const [i, p] of input.prizes.entries()) amounts.push(await checkPrize(deps, p, i));
  if (input.guaranteeAfter && !input.prizes.some((p) => p.kind !== 'none')) throw invalid('a guarantee needs a winning prize');
  if (!input.prizes.some((p) => p.kind === 'none') && input.prizes.every((p) => p.stock !== undefined && p.stock !== null)) {
    // With every prize limited and no miss prize, a sold-out wheel would have nothing to land on.
    throw invalid('add a miss prize (谢谢参与) or a prize with unlimited stock');
  }
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const wheel = await repo.insertWheel(trx, {
      name: input.name,
      status: 'draft',
      points_cost: input.pointsCost,
      guarantee_after: input.guaranteeAfter ?? null,
      server_seed: newSeed(),
      weights_doc: null,
      commitment: null,
      created_by: op.operatorId,
      created_at: now,
      opened_at: null,
      closed_at: null,
    });
    const prizes = await repo.insertPrizes(
      trx,
      input.prizes.map((p, i) => ({
        wheel_id: wheel.id,
        position: i,
        name: p.name,
        kind: p.kind,
        weight: p.weight,
        stock: p.stock ?? null,
        initial_stock: p.stock ?? null,
        points: p.kind === 'points' ? (p.points ?? null) : null,
        amount: p.kind === 'experience' ? amounts[i]! : null,
        days: p.kind === 'experience' ? (p.days ?? null) : null,
        coupon_ref: p.kind === 'coupon' ? (p.couponRef ?? null) : null,
      })),
    );
    const view = presentConsoleWheel(wheel, prizes);
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'lottery.wheel_created',
      target: { type: 'lottery_wheel', id: wheel.id },
      after: {
        name: view.name,
        pointsCost: view.pointsCost,
        guaranteeAfter: view.guaranteeAfter,
        prizes: view.prizes.map((p) => ({ name: p.name, kind: p.kind, weight: p.weight, stock: p.stock })),
      },
      ip,
    });
    return view;
  });
}

/** Opening fixes the prizes and weights and publishes the commitment; closing reveals the seed. */
export async function changeWheelStatus(deps: LotteryDeps, op: OperatorPrincipal, id: string, to: 'open' | 'closed', ip: string | null) {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const wheel = await repo.wheelForUpdate(trx, id);
    if (!wheel) throw new AppError('NOT_FOUND');
    const prizes = await repo.prizesOf(trx, [id]);
    let after;
    if (to === 'open') {
      if (wheel.status !== 'draft') throw new AppError('WHEEL_STATE_CONFLICT');
      const weightsDoc = weightsDocument(wheel.id, wheel.guarantee_after, prizes);
      after = await repo.updateWheel(trx, id, 'draft', {
        status: 'open',
        weights_doc: weightsDoc,
        commitment: commitmentOf(weightsDoc, wheel.server_seed),
        opened_at: now,
      });
    } else {
      if (wheel.status !== 'open') throw new AppError('WHEEL_STATE_CONFLICT');
      after = await repo.updateWheel(trx, id, 'open', { status: 'closed', closed_at: now });
    }
    if (!after) throw new AppError('WHEEL_STATE_CONFLICT');
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: to === 'open' ? 'lottery.wheel_opened' : 'lottery.wheel_closed',
      target: { type: 'lottery_wheel', id },
      before: { status: wheel.status },
      after: { status: after.status, commitment: after.commitment, ...(to === 'closed' ? { seed: after.server_seed } : {}) },
      ip,
    });
    await deps.outbox.emit(trx, 'lottery.wheel_status_changed', { wheelId: id, status: after.status });
    return presentConsoleWheel(after, prizes);
  });
}

export async function consoleWheels(deps: LotteryDeps, page: number, pageSize: number) {
  const rows = await repo.wheels(deps.db, pageSize, (page - 1) * pageSize);
  const prizes = await repo.prizesOf(
    deps.db,
    rows.map((w) => w.id),
  );
  return {
    items: rows.map((w) =>
      presentConsoleWheel(
        w,
        prizes.filter((p) => p.wheel_id === w.id),
      ),
    ),
    total: await repo.countWheels(deps.db),
    page,
    pageSize,
  };
}

export async function consoleWheel(deps: LotteryDeps, id: string) {
  const wheel = await repo.wheel(deps.db, id);
  if (!wheel) throw new AppError('NOT_FOUND');
  return presentConsoleWheel(wheel, await repo.prizesOf(deps.db, [id]));
}
