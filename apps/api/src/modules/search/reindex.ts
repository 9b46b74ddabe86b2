import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { displayText } from './display.js';
import * as repo from './repo.js';
import { documentVector, INDEX_VERSION } from './tsvector.js';

const BATCH = 200;
/** One run stops starting batches after this long; the next run (a minute later) carries on. */
const RUN_BUDGET_MS = 40_000;

/**
 * Brings documents written by an older index format (INDEX_VERSION) up to date from the text the
 * index itself keeps (title, body), a batch per transaction. Progress lives in the rows (each
 * rewritten row carries the new version), so a run killed at any point loses at most one batch's
 * work and the next run picks up exactly what is left; two workers share the work (SKIP LOCKED).
 * Until a document is rewritten, its old lexemes (jieba's words) still find it.
 */
export async function reindexStale(
  deps: { db: Db; clock: Clock },
  budgetMs = RUN_BUDGET_MS,
): Promise<{ reindexed: number; remaining: number }> {
  const started = Date.now();
  let reindexed = 0;
  for (;;) {
    const done = await transact(deps.db, async (trx) => {
      const rows = await repo.lockStaleDocuments(trx, INDEX_VERSION, BATCH);
      for (const row of rows) {
        await repo.rewriteVector(trx, row.kind, row.id, documentVector(row.title, displayText(row.kind, row.body).text), INDEX_VERSION);
      }
      return rows.length;
    });
    reindexed += done;
    if (done < BATCH || Date.now() - started > budgetMs) break;
  }
  return { reindexed, remaining: await repo.countStale(deps.db, INDEX_VERSION) };
}
