import type { DrawRecord, ShipRequest } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, type LotteryDeps } from './deps.js';
import { ALGORITHM } from './fairness.js';
import { presentMemberWheel, shipTo } from './present.js';
import * as repo from './repo.js';

/** The public draw record: commitment from the opening, every draw by number, the seed once closed. Drafts do not exist to the public. */
export async function drawRecord(deps: LotteryDeps, wheelId: string, page: number, pageSize: number): Promise<DrawRecord> {
  const wheel = await repo.wheel(deps.db, wheelId);
  if (!wheel || wheel.status === 'draft') throw new AppError('NOT_FOUND');
  const prizes = await repo.prizesOf(deps.db, [wheelId]);
  const rows = await repo.wheelDraws(deps.db, wheelId, pageSize, (page - 1) * pageSize);
  return {
    wheelId,
    name: wheel.name,
    status: wheel.status,
    commitment: wheel.commitment,
    weightsDoc: wheel.weights_doc,
    seed: wheel.status === 'closed' ? wheel.server_seed : null,
    algorithm: ALGORITHM,
    draws: rows.map((d) => ({
      seq: d.seq,
      rolledPosition: d.rolled_position,
      prizePosition: prizes.find((p) => p.id === d.prize_id)?.position ?? null,
      guaranteed: d.guaranteed,
      weightPercent: d.weight_percent,
      substituted: d.substituted,
      at: d.created_at.toISOString(),
    })),
    total: await repo.countWheelDraws(deps.db, wheelId),
    page,
    pageSize,
  };
}

export async function memberWheel(deps: LotteryDeps, memberId: string, wheelId: string) {
  const wheel = await repo.wheel(deps.db, wheelId);
  if (!wheel || wheel.status === 'draft') throw new AppError('NOT_FOUND');
  return presentMemberWheel(wheel, await repo.prizesOf(deps.db, [wheelId]), await repo.memberState(deps.db, wheelId, memberId));
}

export async function openWheels(deps: LotteryDeps, memberId: string) {
  const rows = (await repo.wheels(deps.db, 50, 0)).filter((w) => w.status === 'open');
  const prizes = await repo.prizesOf(
    deps.db,
    rows.map((w) => w.id),
  );
  return {
    items: await Promise.all(
      rows.map(async (w) =>
        presentMemberWheel(
          w,
          prizes.filter((p) => p.wheel_id === w.id),
          await repo.memberState(deps.db, w.id, memberId),
        ),
      ),
    ),
  };
}

/** Campaigns (and operators) grant chances; once per ref. Draft and open wheels accept them, closed ones do not. */
export async function grantChancesIn(trx: Tx, deps: LotteryDeps, input: { memberId: string; wheelId: string; count: number; ref: string }) {
  if (!Number.isInteger(input.count) || input.count <= 0 || input.count > 100) throw new AppError('VALIDATION_FAILED');
  const wheel = await repo.wheel(trx, input.wheelId);
  if (!wheel) throw new AppError('NOT_FOUND');
  if (wheel.status === 'closed') throw new AppError('LOTTERY_NOT_OPEN');
  const granted = await repo.grantChances(trx, {
    ref: input.ref,
    wheel_id: input.wheelId,
    member_id: input.memberId,
    count: input.count,
    created_at: deps.clock.now(),
  });
  return { granted };
}

export async function consoleGrantChances(
  deps: LotteryDeps,
  op: OperatorPrincipal,
  wheelId: string,
  input: { memberId: string; count: number; reason: string },
  key: string,
  ip: string | null,
) {
  return transact(deps.db, async (trx) => {
    const result = await grantChancesIn(trx, deps, { ...input, wheelId, ref: `console:${op.operatorId}:${key}` });
    if (result.granted) {
      await deps.audit.record(trx, {
        actor: auditActor(op),
        action: 'lottery.chances_granted',
        target: { type: 'member', id: input.memberId },
        after: { wheelId, count: input.count, reason: input.reason },
        ip,
      });
    }
    return result;
  });
}

export async function consoleDraws(deps: LotteryDeps, wheelId: string, onlyPhysical: boolean, page: number, pageSize: number) {
  if (!(await repo.wheel(deps.db, wheelId))) throw new AppError('NOT_FOUND');
  const rows = await repo.wheelDraws(deps.db, wheelId, pageSize, (page - 1) * pageSize, onlyPhysical);
  const prizes = await repo.prizesOf(deps.db, [wheelId]);
  return {
    items: rows.map((d) => ({
      id: d.id,
      seq: d.seq,
      memberId: d.member_id,
      prizeName: prizes.find((p) => p.id === d.prize_id)?.name ?? null,
      fulfilment: d.fulfilment,
      shipTo: shipTo(deps.vault, d.address_enc),
      tracking: d.tracking,
      createdAt: d.created_at.toISOString(),
    })),
    total: await repo.countWheelDraws(deps.db, wheelId, onlyPhysical),
    page,
    pageSize,
  };
}

export async function shipDraw(deps: LotteryDeps, op: OperatorPrincipal, drawId: string, input: ShipRequest, ip: string | null) {
  return transact(deps.db, async (trx) => {
    const tracking = `${input.carrier} ${input.trackingNo}`;
    const updated = await repo.updateDraw(trx, drawId, 'to_ship', { fulfilment: 'shipped', tracking });
    if (!updated) {
      if (!(await repo.draw(trx, drawId))) throw new AppError('NOT_FOUND');
      throw new AppError('FULFILMENT_STATE_CONFLICT');
    }
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'lottery.prize_shipped',
      target: { type: 'lottery_draw', id: drawId },
      before: { fulfilment: 'to_ship' },
      after: { fulfilment: 'shipped', tracking },
      ip,
    });
    await deps.outbox.emit(trx, 'lottery.prize_shipped', { drawId, memberId: updated.member_id, tracking });
    return { id: drawId, fulfilment: updated.fulfilment, tracking };
  });
}
