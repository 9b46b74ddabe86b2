import { transact } from '../../platform/db/transact.js';
import type { IdentityDeps } from './deps.js';
import { cardsToReindex, membersToReindex, updateCard, updateMember } from './repo.js';

export interface ReindexOptions {
  batchSize?: number;
  /** Batches per run; the next run (every ten minutes) continues where this one stopped. */
  maxBatches?: number;
}

/**
 * After QUANZI_SECRET rotates (the old one in QUANZI_SECRET_PREVIOUS), rewrites members' and bank
 * cards' blind indexes under the current key and re-encrypts what an older key sealed. One batch per
 * transaction, each row marked with the key id it now carries, so a crash loses at most one batch
 * and the next run resumes with the rows still unmarked. Lookups try every key meanwhile, so nobody
 * is locked out; once a run finds nothing left, QUANZI_SECRET_PREVIOUS can be removed.
 */
export async function reindexPii(deps: IdentityDeps, options: ReindexOptions = {}) {
  const { vault } = deps;
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 50;
  const reseal = (sealed: string) => (vault.sealedWithOldKey(sealed) ? vault.encrypt(vault.decrypt(sealed)) : sealed);
  let members = 0;
  let cards = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const done = await transact(deps.db, async (trx) => {
      const rows = await membersToReindex(trx, vault.keyId, batchSize);
      for (const m of rows) {
        await updateMember(trx, m.id, {
          // A closed account keeps no phone index and no ID index (they are free for new accounts).
          phone_enc: m.phone_enc && reseal(m.phone_enc),
          phone_index: m.phone_enc && m.phone_index ? vault.blindIndex('phone', vault.decrypt(m.phone_enc)) : m.phone_index,
          real_name_enc: m.real_name_enc && reseal(m.real_name_enc),
          id_number_enc: m.id_number_enc && reseal(m.id_number_enc),
          id_number_index:
            m.id_number_enc && m.id_number_index ? vault.blindIndex('id-number', vault.decrypt(m.id_number_enc)) : m.id_number_index,
          pii_key_id: vault.keyId,
        });
      }
      const cardRows = rows.length < batchSize ? await cardsToReindex(trx, vault.keyId, batchSize - rows.length) : [];
      for (const c of cardRows) {
        await updateCard(trx, c.id, {
          card_enc: reseal(c.card_enc),
          card_index: vault.blindIndex('card', vault.decrypt(c.card_enc)),
          reserved_phone_enc: reseal(c.reserved_phone_enc),
          pii_key_id: vault.keyId,
        });
      }
      members += rows.length;
      cards += cardRows.length;
      return rows.length + cardRows.length < batchSize;
    });
    if (done) return { members, cards, done: true };
  }
  return { members, cards, done: false };
}
