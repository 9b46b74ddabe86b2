import { AppError } from '../../platform/errors.js';
import type { WalletDeps } from './deps.js';
import { presentConsoleOrder, presentOrder } from './present.js';
import * as repo from './repo.js';

export async function listMemberOrders(
  deps: WalletDeps,
  memberId: string,
  type: repo.OrderType | undefined,
  page: number,
  pageSize: number,
) {
  const { items, total } = await repo.listOrders(deps.db, { memberId, type }, (page - 1) * pageSize, pageSize);
  return { items: items.map(presentOrder), total, page, pageSize };
}

/** Another member's order id answers exactly like a missing one, so ids reveal nothing. */
export async function getMemberOrder(deps: WalletDeps, memberId: string, orderId: string) {
  const order = await repo.findOrder(deps.db, orderId);
  if (!order || order.member_id !== memberId) throw new AppError('NOT_FOUND');
  return presentOrder(order);
}

export async function listConsoleOrders(deps: WalletDeps, filter: repo.OrderFilter, page: number, pageSize: number) {
  const { items, total } = await repo.listOrders(deps.db, filter, (page - 1) * pageSize, pageSize);
  return { items: items.map(presentConsoleOrder), total, page, pageSize };
}

export async function listRejections(deps: WalletDeps, page: number, pageSize: number) {
  const { items, total } = await repo.listRejections(deps.db, (page - 1) * pageSize, pageSize);
  return {
    items: items.map((r) => ({ id: String(r.id), reason: r.reason, params: r.params, ip: r.ip, receivedAt: r.received_at.toISOString() })),
    total,
    page,
    pageSize,
  };
}
