import type { Clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/connect.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { insertEntry, lockChainAndReadHead, type AuditRow } from './repo.js';

export interface AuditEntryInput {
  actor: { type: 'operator' | 'member' | 'system'; id?: string | null; name?: string | null };
  /** Dotted verb, e.g. `member.real_name.verified`, `operator.roles.changed`, `pii.revealed`. */
  action: string;
  target?: { type: string; id: string } | null;
  /** Masked values only: the audit log must not become a copy of the personal data it protects. */
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Appends one entry in the caller's transaction: the entry commits or rolls back with the change. */
export async function recordAuditEntry(trx: Tx, clock: Clock, input: AuditEntryInput): Promise<AuditRow> {
  const prev = (await lockChainAndReadHead(trx)) ?? GENESIS_HASH;
  const row = {
    actor_type: input.actor.type,
    actor_id: input.actor.id ?? null,
    actor_name: input.actor.name ?? null,
    action: input.action,
    target_type: input.target?.type ?? null,
    target_id: input.target?.id ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.ip ?? null,
    // Millisecond precision: what PostgreSQL stores must hash the same when re-read.
    at: new Date(Math.floor(clock.now().getTime())),
    prev_hash: prev,
  };
  return insertEntry(trx, { ...row, hash: entryHash(row) });
}
