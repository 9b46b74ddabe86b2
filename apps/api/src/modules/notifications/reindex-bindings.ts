import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { PiiVault } from '../../platform/security/pii.js';
import * as repo from './repo.js';

/**
 * After a QUANZI_SECRET rotation: email and WeChat bindings sealed under an older key get their
 * address re-encrypted and re-indexed under the current one, a batch per transaction (the
 * ciphertext's key id marks what is done, so a run cut short resumes with the rest). Part of the
 * `pii-reindex` job; lookups try every key meanwhile.
 */
export async function reindexBindings(deps: { db: Db; vault: PiiVault }, batchSize = 200, maxBatches = 50) {
  const { vault } = deps;
  const current = `v1.${vault.keyId}.%`;
  let bindings = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = await transact(deps.db, async (trx) => {
      const rows = await repo
        .touch(trx)
        .selectFrom('notification_bindings')
        .select(['member_id', 'channel', 'address_enc'])
        .where(sql<boolean>`address_enc NOT LIKE ${current}`)
        .orderBy('member_id')
        .orderBy('channel')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        const address = vault.decrypt(r.address_enc);
        await repo
          .touch(trx)
          .updateTable('notification_bindings')
          .set({ address_enc: vault.encrypt(address), address_index: vault.blindIndex(r.channel, address) })
          .where('member_id', '=', r.member_id)
          .where('channel', '=', r.channel)
          .execute();
      }
      return rows.length;
    });
    bindings += n;
    if (n < batchSize) return { bindings, done: true };
  }
  return { bindings, done: false };
}
