import type { CreateMallOrder } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { MallDeps } from './deps.js';
import { presentOrder } from './present.js';
import * as repo from './repo.js';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * 兑换: one transaction — the item's stock by conditional decrement (its row lock queues exchanges of
 * the item, so the per-member limit counted next sees every committed order), the order (keyed by the
 * Idempotency-Key), the points spent through loyalty (`INSUFFICIENT_POINTS` rolls everything back), and
 * a virtual item granted at once; a physical one waits for shipping with the address kept encrypted.
 */
export async function placeOrder(deps: MallDeps, memberId: string, input: CreateMallOrder, key: string) {
  try {
    return await transact(deps.db, (trx) => placeIn(trx, deps, memberId, input, key));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const first = await repo.orderByKey(deps.db, memberId, key);
    if (!first) throw err;
    return presentOrder(first, await repo.item(deps.db, first.item_id));
  }
}

async function placeIn(trx: Tx, deps: MallDeps, memberId: string, input: CreateMallOrder, key: string) {
  const earlier = await repo.orderByKey(trx, memberId, key);
  if (earlier) return presentOrder(earlier, await repo.item(trx, earlier.item_id));
  const now = deps.clock.now();
  const quantity = input.quantity;
  const item = await repo.takeStock(trx, input.itemId, quantity, now);
  if (!item) {
    const found = await repo.item(trx, input.itemId);
    // An item off sale answers like one that never existed (members cannot see it either).
    if (!found || found.status !== 'on_sale') throw new AppError('NOT_FOUND');
    throw new AppError('MALL_OUT_OF_STOCK');
  }
  if (item.kind === 'physical' && !input.address) throw new AppError('ADDRESS_REQUIRED');
  if (item.per_member_limit !== null && (await repo.quantityBought(trx, memberId, item.id)) + quantity > item.per_member_limit) {
    throw new AppError('MALL_LIMIT_REACHED', { limit: item.per_member_limit });
  }
  const points = item.points_price * quantity;
  const order = await repo.insertOrder(trx, {
    member_id: memberId,
    item_id: item.id,
    quantity,
    points,
    status: item.kind === 'physical' ? 'to_ship' : 'granted',
    address_enc: item.kind === 'physical' ? deps.vault.encrypt(JSON.stringify(input.address)) : null,
    carrier: null,
    tracking: null,
    idempotency_key: key,
    created_at: now,
    updated_at: now,
  });
  await deps
    .points()
    .spend(trx, { memberId, points, source: 'mall', ref: `mall:order:${order.id}`, reason: `积分兑换：${item.name} ×${quantity}` });
  const grant = item.grant_spec;
  if (grant?.kind === 'lottery_chances') {
    await deps.lottery.grantChances(trx, {
      memberId,
      wheelId: grant.wheelId,
      count: grant.count * quantity,
      ref: `mall:order:${order.id}`,
    });
  } else if (grant?.kind === 'experience') {
    // investing grants in its own transaction: the event from this one makes it durable, keyed by the order.
    await deps.outbox.emit(trx, 'mall.experience_exchanged', {
      orderId: order.id,
      memberId,
      amount: String(BigInt(grant.amount) * BigInt(quantity)),
      days: grant.days,
      name: item.name,
    });
  } else if (grant?.kind === 'coupon') {
    const handler = deps.couponHandler.current;
    if (!handler) throw new AppError('MALL_ITEM_UNAVAILABLE');
    await handler(trx, { memberId, orderId: order.id, quantity, couponRef: grant.couponRef });
  }
  await deps.outbox.emit(trx, 'mall.order_placed', { orderId: order.id, memberId, itemId: item.id, quantity, points });
  return presentOrder(order, item);
}

export async function myOrders(deps: MallDeps, memberId: string, page: number, pageSize: number) {
  const rows = await repo.orders(deps.db, { memberId }, pageSize, (page - 1) * pageSize);
  const items = await repo.itemsByIds(deps.db, [...new Set(rows.map((r) => r.item_id))]);
  return {
    items: rows.map((o) =>
      presentOrder(
        o,
        items.find((i) => i.id === o.item_id),
      ),
    ),
    total: await repo.countOrders(deps.db, { memberId }),
    page,
    pageSize,
  };
}

export async function myOrder(deps: MallDeps, memberId: string, id: string) {
  const o = await repo.order(deps.db, id);
  if (!o || o.member_id !== memberId) throw new AppError('NOT_FOUND');
  return presentOrder(o, await repo.item(deps.db, o.item_id));
}
