import type { Db, Tx } from './connect.js';

const afterCommitHooks = new WeakMap<object, Array<() => void>>();

/**
 * Runs `work` in one transaction. Work that must only happen once the change is durable (waking
 * the outbox dispatcher, publishing real-time events) registers with `afterCommit` and runs after
 * COMMIT succeeds — never on rollback.
 */
export async function transact<T>(db: Db, work: (trx: Tx) => Promise<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await db.transaction().execute(async (trx) => {
    afterCommitHooks.set(trx, hooks);
    return work(trx);
  });
  for (const hook of hooks) hook();
  return result;
}

/** Runs `hook` after the transaction commits; outside `transact` (no hooks registered) it runs now. */
export function afterCommit(trx: Tx, hook: () => void): void {
  const hooks = afterCommitHooks.get(trx);
  if (hooks) hooks.push(hook);
  else queueMicrotask(hook);
}
