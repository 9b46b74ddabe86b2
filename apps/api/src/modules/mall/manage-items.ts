import type { CreateMallItem } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { parsePositiveFen } from '../../platform/money.js';
import { auditActor, type MallDeps } from './deps.js';
import { presentItem, presentOrder, shipTo } from './present.js';
import * as repo from './repo.js';

const invalid = (reason: string) => new AppError('MALL_ITEM_INVALID', { reason });

export async function createItem(deps: MallDeps, op: OperatorPrincipal, input: CreateMallItem, ip: string | null) {
  if (input.kind === 'physical' && input.grant) throw invalid('physical items ship; they grant nothing');
  if (input.kind === 'virtual') {
    const grant = input.grant;
    if (!grant) throw invalid('a virtual item needs what it grants');
    if (grant.kind === 'experience' && parsePositiveFen(grant.amount) === null) throw invalid('amount');
    if (grant.kind === 'coupon') {
      if (!deps.couponHandler.current) throw invalid('coupons are not available');
      const why = await deps.couponHandler.problem?.(grant.couponRef);
      if (why) throw invalid(why);
    }
    if (grant.kind === 'lottery_chances') {
      const wheel = await deps.lottery.consoleWheel(grant.wheelId).catch(() => null);
      if (!wheel || wheel.status === 'closed') throw invalid('unknown or closed wheel');
    }
  }
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const row = await repo.insertItem(trx, {
      name: input.name,
      description: input.description,
      kind: input.kind,
      grant_spec: input.grant ?? null,
      points_price: input.pointsPrice,
      stock: input.stock,
      per_member_limit: input.perMemberLimit ?? null,
      status: 'on_sale',
      created_by: op.operatorId,
      created_at: now,
      updated_at: now,
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'mall.item_created',
      target: { type: 'mall_item', id: row.id },
      after: { ...presentItem(row), grant: input.grant ?? null },
      ip,
    });
    return presentItem(row);
  });
}

export async function updateItem(
  deps: MallDeps,
  op: OperatorPrincipal,
  id: string,
  patch: { status?: 'on_sale' | 'off_sale' | undefined; addStock?: number | undefined },
  ip: string | null,
) {
  if (!patch.status && !patch.addStock) throw new AppError('VALIDATION_FAILED');
  return transact(deps.db, async (trx) => {
    const before = await repo.item(trx, id);
    if (!before) throw new AppError('NOT_FOUND');
    const after = await repo.updateItem(
      trx,
      id,
      { ...(patch.status ? { status: patch.status } : {}), ...(patch.addStock ? { addStock: patch.addStock } : {}) },
      deps.clock.now(),
    );
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'mall.item_updated',
      target: { type: 'mall_item', id },
      before: { status: before.status, stock: before.stock },
      after: { status: after!.status, stock: after!.stock },
      ip,
    });
    return presentItem(after!);
  });
}

export async function listItems(deps: MallDeps, onSaleOnly: boolean, page: number, pageSize: number) {
  const rows = await repo.items(deps.db, onSaleOnly, pageSize, (page - 1) * pageSize);
  return { items: rows.map(presentItem), total: await repo.countItems(deps.db, onSaleOnly), page, pageSize };
}

export async function memberItem(deps: MallDeps, id: string) {
  const row = await repo.item(deps.db, id);
  if (!row || row.status !== 'on_sale') throw new AppError('NOT_FOUND');
  return presentItem(row);
}

export async function consoleOrders(deps: MallDeps, status: repo.OrderStatus | undefined, page: number, pageSize: number) {
  const rows = await repo.orders(deps.db, { status }, pageSize, (page - 1) * pageSize);
  const items = await repo.itemsByIds(deps.db, [...new Set(rows.map((r) => r.item_id))]);
  return {
    items: rows.map((o) => ({
      ...presentOrder(
        o,
        items.find((i) => i.id === o.item_id),
      ),
      memberId: o.member_id,
      shipTo: shipTo(deps.vault, o.address_enc),
    })),
    total: await repo.countOrders(deps.db, { status }),
    page,
    pageSize,
  };
}

/** to_ship → shipped (carrier, tracking) → delivered; forward only, audited. */
export async function moveOrder(
  deps: MallDeps,
  op: OperatorPrincipal,
  id: string,
  to: 'shipped' | 'delivered',
  input: { carrier?: string; trackingNo?: string },
  ip: string | null,
) {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const from = to === 'shipped' ? 'to_ship' : 'shipped';
    const moved = await repo.moveOrder(trx, id, from, {
      status: to,
      updated_at: now,
      ...(to === 'shipped' ? { carrier: input.carrier ?? null, tracking: input.trackingNo ?? null } : {}),
    });
    if (!moved) {
      if (!(await repo.order(trx, id))) throw new AppError('NOT_FOUND');
      throw new AppError('FULFILMENT_STATE_CONFLICT');
    }
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: to === 'shipped' ? 'mall.order_shipped' : 'mall.order_delivered',
      target: { type: 'mall_order', id },
      before: { status: from },
      after: { status: to, carrier: moved.carrier, tracking: moved.tracking },
      ip,
    });
    await deps.outbox.emit(trx, 'mall.order_updated', { orderId: id, memberId: moved.member_id, status: to });
    return presentOrder(moved, await repo.item(trx, moved.item_id));
  });
}
