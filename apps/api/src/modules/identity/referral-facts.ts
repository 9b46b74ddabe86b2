import type { Executor } from '../../platform/db/connect.js';
import type { PiiVault } from '../../platform/security/pii.js';
import { referralFactRows } from './repo.js';

/**
 * What the referral checks compare between an inviter and an invitee — hashed identifiers only
 * (HMAC blind indexes under the current key), never a phone, ID or card number: devices the member
 * registered or signed in with, the ID number's index, bound cards' indexes, the phone's first seven
 * nine digits (numbers bought in a block differ only in the last two), the phone itself and cards' reserved phones.
 */
export interface ReferralFacts {
  memberId: string;
  registeredAt: Date;
  devices: string[];
  idNumber: string | null;
  cards: string[];
  phone: string | null;
  phonePrefix: string | null;
  reservedPhones: string[];
}

export async function referralFacts(db: Executor, vault: PiiVault, ids: readonly string[]): Promise<Map<string, ReferralFacts>> {
  const rows = await referralFactRows(db, ids);
  const out = new Map<string, ReferralFacts>();
  for (const m of rows.members) {
    const phone = m.phone_enc ? vault.decrypt(m.phone_enc) : null;
    const devices = new Set<string>();
    if (m.registered_device) devices.add(vault.blindIndex('device', m.registered_device));
    for (const d of rows.devices) if (d.member_id === m.id && d.device_id) devices.add(vault.blindIndex('device', d.device_id));
    const cards = rows.cards.filter((c) => c.member_id === m.id);
    out.set(m.id, {
      memberId: m.id,
      registeredAt: m.created_at,
      devices: [...devices],
      idNumber: m.id_number_index,
      cards: cards.map((c) => c.card_index),
      phone: phone ? vault.blindIndex('phone', phone) : null,
      phonePrefix: phone ? vault.blindIndex('phone_prefix', phone.slice(0, 9)) : null,
      reservedPhones: cards.map((c) => vault.blindIndex('phone', vault.decrypt(c.reserved_phone_enc))),
    });
  }
  return out;
}
