import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

interface CodesTable {
  member_id: string;
  code: string;
  created_at: Date;
}
export type ReferralStatus = 'pending' | 'rewarded' | 'refused' | 'expired';
export type RefusalReason =
  'self_referral' | 'shared_device' | 'shared_id' | 'shared_card' | 'shared_phone_prefix' | 'risk_denied' | 'risk_review';
interface ReferralsTable {
  id: Generated<string>;
  inviter_id: string;
  invitee_id: string;
  code: string;
  status: ReferralStatus;
  reason: RefusalReason | null;
  reward_points: number | null;
  tier: number | null;
  registered_at: Date;
  decided_at: Date | null;
  source_event: string | null;
  created_at: Date;
}
type ReferralTables = { referral_codes: CodesTable; referrals: ReferralsTable };
export type ReferralRow = Selectable<ReferralsTable>;

const t = (db: Executor) => db.withTables<ReferralTables>();

export const codeOf = (db: Executor, memberId: string) =>
  t(db).selectFrom('referral_codes').selectAll().where('member_id', '=', memberId).executeTakeFirst();
export const ownerOf = (db: Executor, code: string) =>
  t(db).selectFrom('referral_codes').selectAll().where('code', '=', code).executeTakeFirst();
/** Inserts the member's code unless they have one (or the code is taken: the caller tries another). */
export const insertCode = (db: Executor, row: CodesTable) =>
  t(db)
    .insertInto('referral_codes')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();

/** One referral per invitee: a replayed registration event records nothing more. */
export const insertReferral = (db: Executor, row: Insertable<ReferralsTable>) =>
  t(db)
    .insertInto('referrals')
    .values(row)
    .onConflict((oc) => oc.column('invitee_id').doNothing())
    .returningAll()
    .executeTakeFirst();
export const referralOfInvitee = (db: Executor, inviteeId: string) =>
  t(db).selectFrom('referrals').selectAll().where('invitee_id', '=', inviteeId).executeTakeFirst();
export const referralOfInviteeForUpdate = (db: Executor, inviteeId: string) =>
  t(db).selectFrom('referrals').selectAll().where('invitee_id', '=', inviteeId).forUpdate().executeTakeFirst();
export const decide = (db: Executor, id: string, patch: Partial<Insertable<ReferralsTable>>) =>
  t(db).updateTable('referrals').set(patch).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();
export const referralsOf = (db: Executor, inviterId: string) =>
  t(db).selectFrom('referrals').selectAll().where('inviter_id', '=', inviterId).orderBy('created_at', 'desc').limit(200).execute();
export const countRewarded = async (db: Executor, inviterId: string) =>
  Number(
    (
      await t(db)
        .selectFrom('referrals')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('inviter_id', '=', inviterId)
        .where('status', '=', 'rewarded')
        .executeTakeFirstOrThrow()
    ).n,
  );
export const countsOf = (db: Executor, inviterId: string) =>
  t(db)
    .selectFrom('referrals')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n'), sql<string>`coalesce(sum(reward_points), 0)`.as('points')])
    .where('inviter_id', '=', inviterId)
    .groupBy('status')
    .execute();
/** Serialises an inviter's conversions, so each gets the right tier. */
export const lockInviter = (db: Executor, inviterId: string) =>
  sql`SELECT pg_advisory_xact_lock(hashtext(${`referral:${inviterId}`}))`.execute(db);
