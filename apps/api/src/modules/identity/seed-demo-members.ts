import { AGREEMENT_VERSION } from '@quanzi/contracts';
import { lookupBin } from './bank-bins.js';
import type { IdentityDeps } from './deps.js';
import { insertCard, memberByPhoneIndex, insertMember } from './repo.js';
import { transact } from '../../platform/db/transact.js';

export interface DemoMember {
  phone: string;
  nickname: string;
  passwordHash: string;
  paymentPasswordHash?: string;
  realName?: { name: string; idNumber: string };
  card?: { number: string; reservedPhone: string };
  channel?: string;
}

/** Idempotent: a demo member whose phone already exists is left as it is. Hashes come precomputed. */
export async function seedDemoMembers(deps: IdentityDeps, members: DemoMember[]): Promise<number> {
  let created = 0;
  const now = deps.clock.now();
  for (const m of members) {
    const phoneIndex = deps.vault.blindIndex('phone', m.phone);
    if (await memberByPhoneIndex(deps.db, deps.vault.blindIndexes('phone', m.phone))) continue;
    await transact(deps.db, async (trx) => {
      const row = await insertMember(trx, {
        phone_enc: deps.vault.encrypt(m.phone),
        phone_index: phoneIndex,
        phone_last4: m.phone.slice(-4),
        password_hash: m.passwordHash,
        payment_password_hash: m.paymentPasswordHash ?? null,
        nickname: m.nickname,
        agreement_version: AGREEMENT_VERSION,
        agreement_accepted_at: now,
        channel: m.channel ?? null,
        created_at: now,
        ...(m.realName && {
          real_name_enc: deps.vault.encrypt(m.realName.name),
          id_number_enc: deps.vault.encrypt(m.realName.idNumber),
          id_number_index: deps.vault.blindIndex('id-number', m.realName.idNumber),
          real_name_verified_at: now,
        }),
      });
      if (m.card) {
        const bin = lookupBin(m.card.number)!;
        await insertCard(trx, {
          member_id: row.id,
          card_enc: deps.vault.encrypt(m.card.number),
          card_index: deps.vault.blindIndex('card', m.card.number),
          card_last4: m.card.number.slice(-4),
          bank_code: bin.bankCode,
          bank_name: bin.bankName,
          reserved_phone_enc: deps.vault.encrypt(m.card.reservedPhone),
          reserved_phone_last4: m.card.reservedPhone.slice(-4),
          bound_at: now,
        });
      }
      await deps.audit.record(trx, {
        actor: { type: 'system', name: 'demo seed' },
        action: 'member.registered',
        target: { type: 'member', id: row.id },
        after: { demo: true },
      });
    });
    created++;
  }
  return created;
}
