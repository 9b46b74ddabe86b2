import type { Executor } from '../../platform/db/connect.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { allEntriesInOrder } from './repo.js';

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** First entry whose hash or link does not match, if any. */
  brokenAtSeq: string | null;
}

export async function verifyAuditChain(db: Executor): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let entries = 0;
  for await (const row of allEntriesInOrder(db)) {
    entries++;
    if (row.prev_hash !== prev || entryHash(row) !== row.hash) return { ok: false, entries, brokenAtSeq: row.seq.toString() };
    prev = row.hash;
  }
  return { ok: true, entries, brokenAtSeq: null };
}
