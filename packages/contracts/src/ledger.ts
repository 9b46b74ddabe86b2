import { z } from 'zod';
import { Fen, Timestamp } from './common.js';

export const LedgerAccountKind = z.enum([
  'custodian_cash',
  'payments_in_transit',
  'member_available',
  'member_frozen',
  'member_experience',
  'member_experience_invested',
  'issuer',
  'platform_fee_income',
  'marketing_expense',
  'platform_cash',
]);
export type LedgerAccountKind = z.infer<typeof LedgerAccountKind>;

/** One line of the trial balance: every account of a kind, summed. `balance` is signed (debit +). */
export const TrialBalanceLine = z.object({
  kind: LedgerAccountKind,
  label: z.string(),
  book: z.enum(['client', 'platform']),
  normalSide: z.enum(['debit', 'credit']),
  accounts: z.number().int(),
  debits: Fen,
  credits: Fen,
  balance: Fen,
});
export const TrialBalance = z.object({
  accounts: z.array(TrialBalanceLine),
  /** Always "0": every transfer balances, so the books do. */
  total: Fen,
  asOf: Timestamp,
});
export type TrialBalance = z.infer<typeof TrialBalance>;

export const LedgerAccount = z.object({
  id: z.string(),
  code: z.string(),
  kind: LedgerAccountKind,
  ownerId: z.string().nullable(),
  normalSide: z.enum(['debit', 'credit']),
  /** As the holder reads it: positive means money in the account. */
  balance: Fen,
  entries: z.number().int(),
  createdAt: Timestamp,
});
export type LedgerAccount = z.infer<typeof LedgerAccount>;

export const StatementLine = z.object({
  id: z.string(),
  /** Signed, as the holder reads it: + money in, − money out. */
  amount: Fen,
  balanceAfter: Fen,
  kind: z.string(),
  memo: z.string(),
  reference: z.string().nullable(),
  at: Timestamp,
});
export type StatementLine = z.infer<typeof StatementLine>;

/** Keyset page, newest first: pass `nextBefore` as `before` for the next page; null at the end. */
export const StatementPage = z.object({ items: z.array(StatementLine), nextBefore: z.string().nullable() });
export type StatementPage = z.infer<typeof StatementPage>;
export const StatementQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const LedgerVerification = z.object({
  ok: z.boolean(),
  accounts: z.number().int(),
  transfers: z.number().int(),
  entries: z.number().int(),
  mismatchedAccounts: z.array(z.object({ code: z.string(), cached: Fen, summed: Fen })),
  unbalancedTransfers: z.array(z.object({ key: z.string(), total: Fen })),
});
