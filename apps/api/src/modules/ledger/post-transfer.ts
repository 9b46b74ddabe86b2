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
 * Account ids (and whether the account has a non-negative floor) never change once committed, so
 * they are cached per process — but only after the transaction that created or first saw them
 * commits, so a rolled-back creation is never cached.
 */
export class AccountIdCache {
  private readonly ids = new Map<string, repo.AccountHandle>();
  get(code: string): repo.AccountHandle | undefined {
    return this.ids.get(code);
  }
  remember(trx: Tx, found: Map<string, repo.AccountHandle>): void {
    afterCommit(trx, () => {
      for (const [code, handle] of found) this.ids.set(code, handle);
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

const signature = (list: Array<{ code: string; amount: bigint }>) =>
  list
    .map((e) => `${e.code}=${e.amount}`)
    .sort()
    .join(',');
const wantedSignature = (input: TransferInput) => signature(input.postings.map((p) => ({ code: p.account.code, amount: p.amount })));

async function resolveIds(trx: Tx, cache: AccountIdCache, refs: AccountRef[], at: Date): Promise<Map<string, repo.AccountHandle>> {
  const ids = new Map<string, repo.AccountHandle>();
  const missing: AccountRef[] = [];
  for (const ref of refs) {
    const handle = cache.get(ref.code);
    if (handle === undefined) missing.push(ref);
    else ids.set(ref.code, handle);
  }
  if (missing.length) {
    const found = await repo.ensureAccounts(trx, missing, at);
    cache.remember(trx, found);
    for (const [code, handle] of found) ids.set(code, handle);
  }
  return ids;
}

/**
 * Books one balanced, immutable transfer inside the caller's transaction (see `postTransfers`).
 */
export async function postTransfer(trx: Tx, clock: Clock, cache: AccountIdCache, input: TransferInput): Promise<TransferResult> {
  return (await postTransfers(trx, clock, cache, [input]))[0]!;
}

/**
 * Books many balanced, immutable transfers inside the caller's transaction in a few statements
 * (ARCHITECTURE.md, ledger invariant 12): lock the floored (member) accounts they touch in one pass
 * in id order, claim every key in one multi-row insert, then one statement appends all entries,
 * moves the locked balances and appends one pending delta per unlocked (platform) account.
 *
 * All or nothing: an unbalanced transfer (Error) or a member account that would go below zero
 * (INSUFFICIENT_BALANCE) refuses the whole batch before anything is written, so the caller's
 * transaction stays usable. Each transfer is idempotent by its key, as with one transfer: a key
 * booked before (or twice in the batch) books nothing and reports `replayed`.
 */
export async function postTransfers(trx: Tx, clock: Clock, cache: AccountIdCache, inputs: TransferInput[]): Promise<TransferResult[]> {
  if (!inputs.length) return [];
  for (const input of inputs) validate(input);
  const results: Array<TransferResult | undefined> = inputs.map(() => undefined);
  // The same key twice in one batch: the same movement books once, another movement is a bug.
  const firstOfKey = new Map<string, number>();
  const duplicateOf = new Map<number, number>();
  inputs.forEach((input, i) => {
    const first = firstOfKey.get(input.key);
    if (first === undefined) return void firstOfKey.set(input.key, i);
    if (inputs[first]!.kind !== input.kind || wantedSignature(inputs[first]!) !== wantedSignature(input)) {
      throw new Error(`ledger transfer ${input.key}: key reused for a different movement`);
    }
    duplicateOf.set(i, first);
  });

  const at = clock.now();
  const refs = new Map<string, AccountRef>();
  for (const input of inputs) for (const p of input.postings) refs.set(p.account.code, p.account);
  const handles = await resolveIds(trx, cache, [...refs.values()], at);
  const lockIds = [...new Set([...handles.values()].filter((h) => h.floorZero).map((h) => h.id))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  // Lock first, in id order: a concurrent post of the same key waits here and then sees it booked.
  // Accounts without a floor are not locked at all: they are what every transfer touches.
  const locked = lockIds.length ? await repo.lockAccounts(trx, lockIds) : [];
  const lockedById = new Map(locked.map((a) => [a.id, a]));

  const replayed = new Set<number>(duplicateOf.keys());
  let lookedUp = false;
  const lookUpBooked = async () => {
    lookedUp = true;
    const pending = inputs.map((input, i) => ({ input, i })).filter(({ i }) => !replayed.has(i));
    const booked = await repo.findTransfersByKeys(
      trx,
      pending.map(({ input }) => input.key),
    );
    for (const { input, i } of pending) if (booked.has(input.key)) replayed.add(i);
  };
  // A batch asks once which keys are booked; a single transfer finds out when it claims its key.
  if (inputs.length - replayed.size > 1) await lookUpBooked();

  const floorViolation = (): string | undefined => {
    const running = new Map(locked.map((a) => [a.id, a.balance]));
    for (let i = 0; i < inputs.length; i++) {
      if (replayed.has(i)) continue;
      for (const p of inputs[i]!.postings) {
        const handle = handles.get(p.account.code)!;
        if (!handle.floorZero) continue;
        running.set(handle.id, running.get(handle.id)! + p.amount);
      }
    }
    for (const [id, after] of running) {
      const account = lockedById.get(id)!;
      if (naturalBalance(account.normal_side, after) < 0n) return account.code;
    }
    return undefined;
  };
  let short = floorViolation();
  // A replay of a movement that already happened may no longer fit the balance; it is still a replay.
  if (short !== undefined && !lookedUp) {
    await lookUpBooked();
    short = floorViolation();
  }
  if (short !== undefined) throw new AppError('INSUFFICIENT_BALANCE', {}, { account: short });

  const toClaim = inputs.map((input, i) => ({ input, i })).filter(({ i }) => !replayed.has(i));
  const claimed = toClaim.length
    ? await repo.claimTransferKeys(
        trx,
        toClaim.map(({ input }) => ({ key: input.key, kind: input.kind, memo: input.memo, reference: input.reference ?? null })),
        at,
      )
    : new Map<string, bigint>();
  // Keys that were booked by a commit after the look-up (only transfers on unlocked accounts can race here).
  for (const { input, i } of toClaim) if (!claimed.has(input.key)) replayed.add(i);

  const running = new Map(locked.map((a) => [a.id, a.balance]));
  const lockedDeltas = new Map<bigint, { delta: bigint; n: number }>();
  const unlockedDeltas = new Map<bigint, { delta: bigint; n: number }>();
  const entries: repo.EntryRow[] = [];
  inputs.forEach((input, i) => {
    if (replayed.has(i)) return;
    const transferId = claimed.get(input.key)!;
    results[i] = { transferId: String(transferId), replayed: false };
    for (const p of input.postings) {
      const handle = handles.get(p.account.code)!;
      const into = handle.floorZero ? lockedDeltas : unlockedDeltas;
      const d = into.get(handle.id) ?? { delta: 0n, n: 0 };
      d.delta += p.amount;
      d.n += 1;
      into.set(handle.id, d);
      let balanceAfter: bigint | null = null;
      if (handle.floorZero) {
        balanceAfter = running.get(handle.id)! + p.amount;
        running.set(handle.id, balanceAfter);
      }
      entries.push({ transferId, accountId: handle.id, amount: p.amount, balanceAfter });
    }
  });
  if (entries.length) await repo.writeTransfers(trx, entries, lockedDeltas, unlockedDeltas, at);

  const replays = inputs.map((input, i) => ({ input, i })).filter(({ i }) => replayed.has(i) && !duplicateOf.has(i));
  if (replays.length) await checkReplays(trx, replays, results);
  for (const [i, first] of duplicateOf) results[i] = { transferId: results[first]!.transferId, replayed: true };
  return results as TransferResult[];
}

/** The keys were booked before. Same movement → report it; a different movement under one key is a bug. */
async function checkReplays(trx: Tx, replays: Array<{ input: TransferInput; i: number }>, results: Array<TransferResult | undefined>) {
  const existing = await repo.findTransfersByKeys(
    trx,
    replays.map(({ input }) => input.key),
  );
  const booked = await repo.entriesOfTransfers(
    trx,
    [...existing.values()].map((t) => t.id),
  );
  for (const { input, i } of replays) {
    const transfer = existing.get(input.key);
    if (!transfer) throw new Error(`ledger transfer ${input.key}: key claimed but not found`);
    if (transfer.kind !== input.kind || signature(booked.get(transfer.id) ?? []) !== wantedSignature(input)) {
      throw new Error(`ledger transfer ${input.key}: key reused for a different movement`);
    }
    results[i] = { transferId: String(transfer.id), replayed: true };
  }
}
