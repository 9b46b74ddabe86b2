/**
 * The chart of accounts, as other modules name it. An account is identified by a stable code
 * (`member_available:<memberId>`, `custodian_cash`), created the first time money touches it.
 */
export type AccountKind =
  | 'custodian_cash'
  | 'payments_in_transit'
  | 'member_available'
  | 'member_frozen'
  | 'member_experience'
  | 'member_experience_invested'
  | 'issuer'
  | 'platform_fee_income'
  | 'marketing_expense'
  | 'platform_cash';

export interface AccountRef {
  kind: AccountKind;
  ownerId: string | null;
  code: string;
}

const owned = (kind: AccountKind, ownerId: string): AccountRef => ({ kind, ownerId, code: `${kind}:${ownerId}` });
const single = (kind: AccountKind): AccountRef => ({ kind, ownerId: null, code: kind });

export const Accounts = {
  custodianCash: single('custodian_cash'),
  paymentsInTransit: single('payments_in_transit'),
  platformFeeIncome: single('platform_fee_income'),
  marketingExpense: single('marketing_expense'),
  platformCash: single('platform_cash'),
  memberAvailable: (memberId: string) => owned('member_available', memberId),
  memberFrozen: (memberId: string) => owned('member_frozen', memberId),
  memberExperience: (memberId: string) => owned('member_experience', memberId),
  memberExperienceInvested: (memberId: string) => owned('member_experience_invested', memberId),
  issuer: (issuerId: string) => owned('issuer', issuerId),
};

/** Kinds whose balance a member sees in their wallet. */
export const MEMBER_KINDS = ['member_available', 'member_frozen', 'member_experience'] as const;
export type MemberAccountKind = (typeof MEMBER_KINDS)[number];

/**
 * One line of a transfer, in double-entry terms. A debit raises a debit-normal account (cash) and
 * lowers a credit-normal one (what we owe a member); a credit does the opposite.
 */
export interface Posting {
  account: AccountRef;
  /** Signed fen: debit positive, credit negative. */
  amount: bigint;
}

export const debit = (account: AccountRef, amount: bigint): Posting => ({ account, amount });
export const credit = (account: AccountRef, amount: bigint): Posting => ({ account, amount: -amount });

/** What a holder of the account would call its balance: credit-normal accounts show -SUM(amount). */
export const naturalBalance = (normalSide: string, raw: bigint): bigint => (normalSide === 'credit' ? -raw : raw);
