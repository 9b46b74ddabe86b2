import { idCheckDigit } from '@quanzi/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, TEST_SECRET, type TestSystem } from '../../../test/harness.js';
import { freshPhone, operatorLogin, PASSWORD, registerMember } from '../../../test/flows.js';
import { cronJobs } from '../../app/modules.js';

const NEW_SECRET = 'rotated-secret-9876543210-zyxwvutsrqponmlkjihgfedcba';
const idNumber = (() => {
  const first17 = '31010119850612123';
  return first17 + idCheckDigit(first17);
})();

let before: TestSystem;
const opened: TestSystem[] = [];
/** Another instance on the same database, started with other secrets (what a deploy after rotating does). */
async function restartWith(config: { secret: string; previousSecrets: string[] }) {
  const sys = await createTestSystem({ database: before.database, config });
  opened.push(sys);
  return sys;
}
beforeAll(async () => {
  before = await createTestSystem({ demo: true });
});
afterAll(async () => {
  for (const sys of opened) await sys.close();
  await before?.close();
});

const login = (sys: TestSystem, phone: string, password = PASSWORD) =>
  call(sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone, password } });

const indexRows = async (sys: TestSystem) =>
  (
    await sql<{ phone_index: string | null; phone_enc: string | null; id_number_index: string | null; pii_key_id: string | null }>`
      SELECT phone_index, phone_enc, id_number_index, pii_key_id FROM members`.execute(sys.platform.db)
  ).rows;

describe('blind indexes survive a QUANZI_SECRET rotation', () => {
  it('finds and logs in members by phone with the old indexes, then the job rewrites them to the new key, resumably', async () => {
    const admin = await operatorLogin(before.app);
    const phone = freshPhone();
    const { token } = await registerMember(before.app, admin, phone);
    expect(
      (await call(before.app, { method: 'POST', url: '/api/v1/me/real-name', token, body: { name: '周杰', idNumber } })).statusCode,
    ).toBe(200);
    const oldIndex = before.platform.vault.blindIndex('phone', phone);
    const email = `${phone}@example.cn`;
    const bound = await call(before.app, { method: 'PUT', url: '/api/v1/me/notification-bindings/email', token, body: { email } });
    expect(bound.statusCode, bound.body).toBe(200);

    // Rotate: the new secret is current, the old one only readable.
    const rotated = await restartWith({ secret: NEW_SECRET, previousSecrets: [TEST_SECRET] });
    expect(rotated.platform.vault.blindIndex('phone', phone)).not.toBe(oldIndex);
    expect((await login(rotated, phone)).statusCode).toBe(200);
    expect((await login(rotated, '13800000001', 'Quanzi2026')).statusCode).toBe(200); // 林晓, from the demo seed
    const rotatedAdmin = await operatorLogin(rotated.app);
    const search = await call(rotated.app, { url: `/api/v1/console/members?q=${phone}`, token: rotatedAdmin });
    expect(search.json().items).toHaveLength(1);
    // Uniqueness holds across keys: the phone and the ID number stay taken.
    const again = await call(rotated.app, { method: 'POST', url: '/api/v1/auth/sms-codes', body: { phone, purpose: 'register' } });
    expect(again.json().error.code).toBe('PHONE_TAKEN');
    const other = await registerMember(rotated.app, rotatedAdmin, freshPhone());
    // The email binding stays unique too: another member cannot take the address.
    const taken = await call(rotated.app, {
      method: 'PUT',
      url: '/api/v1/me/notification-bindings/email',
      token: other.token,
      body: { email },
    });
    expect(taken.json().error.code).toBe('CHANNEL_BINDING_INVALID');
    const dup = await call(rotated.app, {
      method: 'POST',
      url: '/api/v1/me/real-name',
      token: other.token,
      body: { name: '周杰', idNumber },
    });
    expect(dup.json().error.code).toBe('ID_NUMBER_TAKEN');

    // The job, a batch at a time: a run cut short leaves the rest for the next run.
    const vault = rotated.platform.vault;
    const stale = (await indexRows(rotated)).filter((r) => r.pii_key_id !== vault.keyId).length;
    expect(stale).toBeGreaterThan(2);
    expect(await rotated.modules.identity.reindexPii({ batchSize: 2, maxBatches: 1 })).toMatchObject({ members: 2, done: false });
    expect((await indexRows(rotated)).filter((r) => r.pii_key_id !== vault.keyId)).toHaveLength(stale - 2);
    const job = cronJobs(rotated.modules, rotated.platform.db).find((j) => j.name === 'pii-reindex')!;
    expect(await job.run(rotated.clock.now())).toMatchObject({ done: true });

    // Only current-key indexes and ciphertexts remain.
    for (const r of await indexRows(rotated)) {
      expect(r.pii_key_id).toBe(vault.keyId);
      if (r.phone_enc) {
        expect(r.phone_enc.split('.')[1]).toBe(vault.keyId);
        expect(r.phone_index).toBe(vault.blindIndex('phone', vault.decrypt(r.phone_enc)));
      }
    }
    const cards = await sql<{
      card_index: string;
      card_enc: string;
      pii_key_id: string;
    }>`SELECT card_index, card_enc, pii_key_id FROM bank_cards`.execute(rotated.platform.db);
    expect(cards.rows.length).toBeGreaterThan(0); // the demo's cards
    for (const c of cards.rows) {
      expect(c.pii_key_id).toBe(vault.keyId);
      expect(c.card_index).toBe(vault.blindIndex('card', vault.decrypt(c.card_enc)));
    }
    const binding = await sql<{ address_enc: string; address_index: string }>`
      SELECT address_enc, address_index FROM notification_bindings WHERE channel = 'email'`.execute(rotated.platform.db);
    expect(binding.rows).toHaveLength(1);
    expect(binding.rows[0]!.address_enc.split('.')[1]).toBe(vault.keyId);
    expect(binding.rows[0]!.address_index).toBe(vault.blindIndex('email', email));
    const idRow = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM members WHERE id_number_index = ${vault.blindIndex('id-number', idNumber)}`.execute(rotated.platform.db);
    expect(Number(idRow.rows[0]!.n)).toBe(1);

    // The old secret can now go: members still log in by phone.
    const after = await restartWith({ secret: NEW_SECRET, previousSecrets: [] });
    expect((await login(after, phone)).statusCode).toBe(200);
    expect((await login(after, '13800000001', 'Quanzi2026')).statusCode).toBe(200);
    expect(await after.modules.identity.reindexPii()).toMatchObject({ members: 0, cards: 0, done: true });
  });
});
