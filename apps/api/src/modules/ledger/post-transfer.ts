import type { Clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/connect.js';
import { afterCommit } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { naturalBalance, type AccountRef, type Posting } from './accounts.js';
import * as repo from './repo.js';

export interface TransferInput {
  /** Idempotency: one business event, one key (e.g. `topup:<orderId>`). A second post with the key books nothing. */
  key: string;
  /** Machine-readable reason (`topup`, `withdrawal.freeze`, …); statements show `memo`. */
  kind: string;
  /** The reason a member or auditor reads on a statement line, in Chinese. */
  memo: string;
  /** The business object behind the movement (order id, holding id), for tracing. */
  reference?: string;
  postings: Posting[];
}

export interface TransferResult {
  transferId: string;
  /** True when the key had been booked before: nothing moved this time. */
  replayed: boolean;
}

/**
 * Account ids never change once committed, so they are cached per process — but only after the
 * transaction that created or first saw them commits, so a rolled-back creation is never cached.
 */
export class AccountIdCache {
  private readonly ids = new Map<string, bigint>();
  get(code: string): bigint | undefined {
    return this.ids.get(code);
  }
  remember(trx: Tx, found: Map<string, bigint>): void {
    afterCommit(trx, () => {
      for (const [code, id] of found) this.ids.set(code, id);
    });
  }
}

function validate(input: TransferInput): void {
  if (input.postings.length < 2) throw new Error(`ledger transfer ${input.key}: needs at least two postings`);
  let sum = 0n;
  for (const p of input.postings) {
    if (p.amount === 0n) throw new Error(`ledger transfer ${input.key}: zero posting on ${p.account.code}`);
    sum += p.amount;
  }
  if (sum !== 0n) throw new Error(`ledger transfer ${input.key}: postings sum to ${sum}, not zero`);
}

async function resolveIds(trx: Tx, cache: AccountIdCache, refs: AccountRef[], at: Date): Promise<Map<string, bigint>> {
  const ids = new Map<string, bigint>();
  const missing: AccountRef[] = [];
  for (const ref of refs) {
    const id = cache.get(ref.code);
    if (id === undefined) missing.push(ref);
    else ids.set(ref.code, id);
  }
  if (missing.length) {
    const found = await repo.ensureAccounts(trx, missing, at);
    cache.remember(trx, found);
    for (const [code, id] of found) ids.set(code, id);
  }
  return ids;
}

/**
 * Books one balanced, immutable transfer inside the caller's transaction. Member accounts cannot go
 * below zero: the check runs on the locked balances before anything is written, so the caller gets
 * INSUFFICIENT_BALANCE with its transaction still usable (and the database check backs it up).
 */
export async function postTransfer(trx: Tx, clock: Clock, cache: AccountIdCache, input: TransferInput): Promise<TransferResult> {
  validate(input);
  const at = clock.now();
  const unique = [...new Map(input.postings.map((p) => [p.account.code, p.account])).values()];
  const ids = await resolveIds(trx, cache, unique, at);
  const deltas = new Map<bigint, bigint>();
  const counts = new Map<bigint, number>();
  for (const p of input.postings) {
    const id = ids.get(p.account.code)!;
    deltas.set(id, (deltas.get(id) ?? 0n) + p.amount);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  // Lock first, in id order: a concurrent post of the same key waits here and then sees it booked.
  const locked = await repo.lockAccounts(trx, [...deltas.keys()]);
  for (const account of locked) {
    const after = account.balance + deltas.get(account.id)!;
    if (account.floor_zero && naturalBalance(account.normal_side, after) < 0n) {
      // A replay of a movement that already happened may no longer fit the balance; it is still a replay.
      if (await repo.findTransferByKey(trx, input.key)) return replay(trx, input);
      throw new AppError('INSUFFICIENT_BALANCE', {}, { account: account.code });
    }
  }
  const transferId = await repo.claimTransferKey(trx, {
    key: input.key,
    kind: input.kind,
    memo: input.memo,
    reference: input.reference ?? null,
    at,
  });
  if (transferId === undefined) return replay(trx, input);
  await repo.applyDeltas(trx, deltas, counts);
  const running = new Map(locked.map((a) => [a.id, a.balance]));
  const rows = input.postings.map((p) => {
    const accountId = ids.get(p.account.code)!;
    const balanceAfter = running.get(accountId)! + p.amount;
    running.set(accountId, balanceAfter);
    return { accountId, amount: p.amount, balanceAfter };
  });
  await repo.insertEntries(trx, transferId, rows, at);
  return { transferId: String(transferId), replayed: false };
}

/** The key was booked before. Same movement → report it; a different movement under one key is a bug. */
async function replay(trx: Tx, input: TransferInput): Promise<TransferResult> {
  const existing = await repo.findTransferByKey(trx, input.key);
  if (!existing) throw new Error(`ledger transfer ${input.key}: key claimed but not found`);
  const booked = await repo.entriesOfTransfer(trx, existing.id);
  const signature = (list: Array<{ code: string; amount: bigint }>) =>
    list
      .map((e) => `${e.code}=${e.amount}`)
      .sort()
      .join(',');
  const wanted = input.postings.map((p) => ({ code: p.account.code, amount: p.amount }));
  if (existing.kind !== input.kind || signature(booked) !== signature(wanted)) {
    throw new Error(`ledger transfer ${input.key}: key reused for a different movement`);
  }
  return { transferId: String(existing.id), replayed: true };
}
