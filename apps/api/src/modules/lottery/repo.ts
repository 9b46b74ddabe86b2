import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

interface WheelsTable {
  id: Generated<string>;
  name: string;
  status: 'draft' | 'open' | 'closed';
  points_cost: number;
  guarantee_after: number | null;
  server_seed: string;
  weights_doc: string | null;
  commitment: string | null;
  draw_count: Generated<number>;
  created_by: string;
  created_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
}
interface PrizesTable {
  id: Generated<string>;
  wheel_id: string;
  position: number;
  name: string;
  kind: 'none' | 'points' | 'coupon' | 'experience' | 'physical';
  weight: number;
  stock: number | null;
  initial_stock: number | null;
  points: number | null;
  amount: bigint | null;
  days: number | null;
  coupon_ref: string | null;
}
interface MembersTable {
  wheel_id: string;
  member_id: string;
  granted: Generated<number>;
  used: Generated<number>;
  misses: Generated<number>;
}
interface ChanceGrantsTable {
  ref: string;
  wheel_id: string;
  member_id: string;
  count: number;
  created_at: Date;
}
export type Fulfilment = 'none' | 'granted' | 'awaiting_address' | 'to_ship' | 'shipped';
interface DrawsTable {
  id: Generated<string>;
  wheel_id: string;
  seq: number;
  member_id: string;
  idempotency_key: string;
  paid_with: 'chance' | 'points';
  rolled_position: number;
  prize_id: string | null;
  guaranteed: boolean;
  weight_percent: number;
  substituted: boolean;
  fulfilment: Fulfilment;
  address_enc: string | null;
  tracking: string | null;
  created_at: Date;
}
type LotteryTables = {
  lottery_wheels: WheelsTable;
  lottery_prizes: PrizesTable;
  lottery_members: MembersTable;
  lottery_chance_grants: ChanceGrantsTable;
  lottery_draws: DrawsTable;
};
export type WheelRow = Selectable<WheelsTable>;
export type PrizeRow = Selectable<PrizesTable>;
export type DrawRow = Selectable<DrawsTable>;

const t = (db: Executor) => db.withTables<LotteryTables>();

export const insertWheel = (db: Executor, row: Insertable<WheelsTable>) =>
  t(db).insertInto('lottery_wheels').values(row).returningAll().executeTakeFirstOrThrow();
export const insertPrizes = (db: Executor, rows: Insertable<PrizesTable>[]) =>
  t(db).insertInto('lottery_prizes').values(rows).returningAll().execute();

export const wheel = (db: Executor, id: string) => t(db).selectFrom('lottery_wheels').selectAll().where('id', '=', id).executeTakeFirst();
export const wheelForUpdate = (db: Executor, id: string) =>
  t(db).selectFrom('lottery_wheels').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const wheels = (db: Executor, limit: number, offset: number) =>
  t(db).selectFrom('lottery_wheels').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
export const countWheels = async (db: Executor) =>
  Number(
    (
      await t(db)
        .selectFrom('lottery_wheels')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
export const prizesOf = (db: Executor, wheelIds: readonly string[]) =>
  wheelIds.length === 0
    ? Promise.resolve([] as PrizeRow[])
    : t(db).selectFrom('lottery_prizes').selectAll().where('wheel_id', 'in', wheelIds).orderBy('position').execute();

export const updateWheel = (db: Executor, id: string, from: WheelRow['status'], patch: Partial<Insertable<WheelsTable>>) =>
  t(db).updateTable('lottery_wheels').set(patch).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();

/** Takes the wheel's next draw number under its row lock: draws on a wheel are numbered 1, 2, 3 … with no gaps. */
export const nextSeq = (db: Executor, id: string) =>
  t(db)
    .updateTable('lottery_wheels')
    .set((eb) => ({ draw_count: eb('draw_count', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();

/** The conditional decrement: a prize with stock is taken only while some is left. */
export const takeStock = async (db: Executor, prizeId: string): Promise<boolean> =>
  !!(await t(db)
    .updateTable('lottery_prizes')
    .set((eb) => ({ stock: eb('stock', '-', 1) }))
    .where('id', '=', prizeId)
    .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)]))
    .returning('id')
    .executeTakeFirst());

export const ensureMember = (db: Executor, wheelId: string, memberId: string) =>
  t(db)
    .insertInto('lottery_members')
    .values({ wheel_id: wheelId, member_id: memberId })
    .onConflict((oc) => oc.doNothing())
    .execute();
export const memberState = (db: Executor, wheelId: string, memberId: string) =>
  t(db).selectFrom('lottery_members').selectAll().where('wheel_id', '=', wheelId).where('member_id', '=', memberId).executeTakeFirst();
export const memberStateForUpdate = (db: Executor, wheelId: string, memberId: string) =>
  t(db)
    .selectFrom('lottery_members')
    .selectAll()
    .where('wheel_id', '=', wheelId)
    .where('member_id', '=', memberId)
    .forUpdate()
    .executeTakeFirstOrThrow();
export const setMemberState = (db: Executor, wheelId: string, memberId: string, patch: { used?: number; misses?: number }) =>
  t(db).updateTable('lottery_members').set(patch).where('wheel_id', '=', wheelId).where('member_id', '=', memberId).execute();

/** Grants chances once per ref; false when the ref was granted before. */
export async function grantChances(db: Executor, row: Insertable<ChanceGrantsTable>): Promise<boolean> {
  const inserted = await t(db)
    .insertInto('lottery_chance_grants')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('ref')
    .executeTakeFirst();
  if (!inserted) return false;
  await t(db)
    .insertInto('lottery_members')
    .values({ wheel_id: row.wheel_id, member_id: row.member_id, granted: row.count })
    .onConflict((oc) => oc.columns(['wheel_id', 'member_id']).doUpdateSet({ granted: sql`lottery_members.granted + ${row.count}` }))
    .execute();
  return true;
}

export const insertDraw = (db: Executor, row: Insertable<DrawsTable>) =>
  t(db).insertInto('lottery_draws').values(row).returningAll().executeTakeFirstOrThrow();
export const drawByKey = (db: Executor, memberId: string, wheelId: string, key: string) =>
  t(db)
    .selectFrom('lottery_draws')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('wheel_id', '=', wheelId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
export const draw = (db: Executor, id: string) => t(db).selectFrom('lottery_draws').selectAll().where('id', '=', id).executeTakeFirst();
export const updateDraw = (db: Executor, id: string, from: Fulfilment, patch: Partial<Insertable<DrawsTable>>) =>
  t(db).updateTable('lottery_draws').set(patch).where('id', '=', id).where('fulfilment', '=', from).returningAll().executeTakeFirst();
export const memberDraws = (db: Executor, memberId: string, limit: number, offset: number) =>
  t(db)
    .selectFrom('lottery_draws')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
export const countMemberDraws = async (db: Executor, memberId: string) =>
  Number(
    (
      await t(db)
        .selectFrom('lottery_draws')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('member_id', '=', memberId)
        .executeTakeFirstOrThrow()
    ).n,
  );
export const wheelDraws = (db: Executor, wheelId: string, limit: number, offset: number, onlyPhysical = false) => {
  let q = t(db).selectFrom('lottery_draws').selectAll().where('wheel_id', '=', wheelId);
  if (onlyPhysical) q = q.where('fulfilment', 'in', ['awaiting_address', 'to_ship', 'shipped']);
  return q.orderBy('seq').limit(limit).offset(offset).execute();
};
export const countWheelDraws = async (db: Executor, wheelId: string, onlyPhysical = false) => {
  let q = t(db)
    .selectFrom('lottery_draws')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('wheel_id', '=', wheelId);
  if (onlyPhysical) q = q.where('fulfilment', 'in', ['awaiting_address', 'to_ship', 'shipped']);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
