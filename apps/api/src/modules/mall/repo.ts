import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { MallGrant } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';

interface ItemsTable {
  id: Generated<string>;
  name: string;
  description: string;
  kind: 'physical' | 'virtual';
  grant_spec: MallGrant | null;
  points_price: number;
  stock: number;
  per_member_limit: number | null;
  status: 'on_sale' | 'off_sale';
  created_by: string;
  created_at: Date;
  updated_at: Date;
}
export type OrderStatus = 'granted' | 'to_ship' | 'shipped' | 'delivered';
interface OrdersTable {
  id: Generated<string>;
  member_id: string;
  item_id: string;
  quantity: number;
  points: number;
  status: OrderStatus;
  address_enc: string | null;
  carrier: string | null;
  tracking: string | null;
  idempotency_key: string;
  created_at: Date;
  updated_at: Date;
}
type MallTables = { mall_items: ItemsTable; mall_orders: OrdersTable };
export type ItemRow = Selectable<ItemsTable>;
export type OrderRow = Selectable<OrdersTable>;

const t = (db: Executor) => db.withTables<MallTables>();

export const insertItem = (db: Executor, row: Insertable<ItemsTable>) =>
  t(db)
    .insertInto('mall_items')
    .values({ ...row, grant_spec: row.grant_spec === null ? null : (JSON.stringify(row.grant_spec) as never) })
    .returningAll()
    .executeTakeFirstOrThrow();
export const item = (db: Executor, id: string) => t(db).selectFrom('mall_items').selectAll().where('id', '=', id).executeTakeFirst();
export const items = (db: Executor, onSaleOnly: boolean, limit: number, offset: number) => {
  let q = t(db).selectFrom('mall_items').selectAll();
  if (onSaleOnly) q = q.where('status', '=', 'on_sale');
  return q.orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
};
export const countItems = async (db: Executor, onSaleOnly: boolean) => {
  let q = t(db)
    .selectFrom('mall_items')
    .select((eb) => eb.fn.countAll<string>().as('n'));
  if (onSaleOnly) q = q.where('status', '=', 'on_sale');
  return Number((await q.executeTakeFirstOrThrow()).n);
};
export const itemsByIds = (db: Executor, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([] as ItemRow[]) : t(db).selectFrom('mall_items').selectAll().where('id', 'in', ids).execute();

export const updateItem = (db: Executor, id: string, patch: { status?: ItemRow['status']; addStock?: number }, now: Date) =>
  t(db)
    .updateTable('mall_items')
    .set((eb) => ({
      updated_at: now,
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.addStock ? { stock: eb('stock', '+', patch.addStock) } : {}),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** The conditional decrement (takes the item's row lock: exchanges of one item queue here). */
export const takeStock = (db: Executor, id: string, quantity: number, now: Date) =>
  t(db)
    .updateTable('mall_items')
    .set((eb) => ({ stock: eb('stock', '-', quantity), updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'on_sale')
    .where('stock', '>=', quantity)
    .returningAll()
    .executeTakeFirst();

export const quantityBought = async (db: Executor, memberId: string, itemId: string) =>
  Number(
    (
      await t(db)
        .selectFrom('mall_orders')
        .select(sql<string>`coalesce(sum(quantity), 0)`.as('n'))
        .where('member_id', '=', memberId)
        .where('item_id', '=', itemId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertOrder = (db: Executor, row: Insertable<OrdersTable>) =>
  t(db).insertInto('mall_orders').values(row).returningAll().executeTakeFirstOrThrow();
export const orderByKey = (db: Executor, memberId: string, key: string) =>
  t(db).selectFrom('mall_orders').selectAll().where('member_id', '=', memberId).where('idempotency_key', '=', key).executeTakeFirst();
export const order = (db: Executor, id: string) => t(db).selectFrom('mall_orders').selectAll().where('id', '=', id).executeTakeFirst();
export const orders = (
  db: Executor,
  filter: { memberId?: string | undefined; status?: OrderStatus | undefined },
  limit: number,
  offset: number,
) => {
  let q = t(db).selectFrom('mall_orders').selectAll();
  if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
};
export const countOrders = async (db: Executor, filter: { memberId?: string | undefined; status?: OrderStatus | undefined }) => {
  let q = t(db)
    .selectFrom('mall_orders')
    .select((eb) => eb.fn.countAll<string>().as('n'));
  if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
export const moveOrder = (db: Executor, id: string, from: OrderStatus, patch: Partial<Insertable<OrdersTable>>) =>
  t(db).updateTable('mall_orders').set(patch).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();
