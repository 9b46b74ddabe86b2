import { idCheckDigit, luhnValid } from '@quanzi/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, lastCode, registerMember, useDemoSystem } from '../../../test/flows.js';

const env = useDemoSystem();

/** A valid resident ID born on `yyyymmdd`; `seq` keeps IDs distinct between tests. */
const idFor = (yyyymmdd: string, seq: string) => {
  const first17 = `310101${yyyymmdd}${seq}`;
  return first17 + idCheckDigit(first17);
};
/** A Luhn-valid ICBC debit card with the given middle digits (and optional ending). */
const cardFor = (middle: string, ending = '') => {
  const body = `622202${middle}`.padEnd(18 - ending.length, '0') + ending;
  for (let d = 0; d < 10; d++) if (luhnValid(body.slice(0, 18) + d)) return body.slice(0, 18) + d;
  throw new Error('unreachable');
};
const cardEnding = (middle: string, ending: string) => {
  // Vary a middle digit until a Luhn-valid number with this exact ending exists.
  for (let m = 0; m < 100; m++) {
    const n = `622202${middle}${String(m).padStart(2, '0')}`.padEnd(19 - ending.length, '0') + ending;
    if (luhnValid(n)) return n;
  }
  throw new Error('unreachable');
};

const realName = (token: string, name: string, idNumber: string) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/me/real-name', token, body: { name, idNumber } });

async function bindCode(token: string, phone: string) {
  expect(
    (await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/sms-codes', token, body: { phone, purpose: 'bind_card' } })).statusCode,
  ).toBe(202);
  return lastCode(env.sys.app, env.admin, phone);
}
const bind = (token: string, body: Record<string, string>) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/me/bank-cards', token, body });

describe('real-name verification', () => {
  it('accepts an adult with a valid ID and shows only masked data', async () => {
    const { token, memberId } = await registerMember(env.sys.app, env.admin, freshPhone());
    const id = idFor('19900101', '101');
    const res = await realName(token, '欧阳娜娜', id);
    expect(res.statusCode).toBe(200);
    expect(res.json().realName).toMatchObject({ nameMasked: '欧***', idNumberMasked: `${id.slice(0, 3)}***********${id.slice(-4)}` });
    expect(res.body).not.toContain(id);
    const raw = await sql<{ row: string }>`SELECT row_to_json(m)::text AS row FROM members m WHERE id = ${memberId}`.execute(
      env.sys.platform.db,
    );
    expect(raw.rows[0]!.row).not.toContain(id);
    expect(raw.rows[0]!.row).not.toContain('欧阳娜娜');
  });

  it('refuses a wrong check digit, a non-Chinese name and a minor — on the clock’s Asia/Shanghai day', async () => {
    const { token } = await registerMember(env.sys.app, env.admin, freshPhone());
    const valid = idFor('19900101', '102');
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect((await realName(token, '张三', wrongCheck)).json().error.code).toBe('INVALID_ID_NUMBER');
    expect((await realName(token, 'Zhang San', valid)).json().error.code).toBe('INVALID_NAME');
    // The clock reads 2026-11-24 10:00 in Shanghai: born 2008-11-25 is one day short of 18.
    const minor = await realName(token, '张三', idFor('20081125', '103'));
    expect(minor.statusCode).toBe(400);
    expect(minor.json().error.code).toBe('UNDERAGE');
    expect((await realName(token, '张三', idFor('20081124', '103'))).statusCode).toBe(200);
    const me = await call(env.sys.app, { url: '/api/v1/me', token });
    expect(me.json().realName.nameMasked).toBe('张*');
  });

  it('allows one ID per account and one verification per member', async () => {
    const a = await registerMember(env.sys.app, env.admin, freshPhone());
    const b = await registerMember(env.sys.app, env.admin, freshPhone());
    const id = idFor('19850505', '104');
    expect((await realName(a.token, '李四', id)).statusCode).toBe(200);
    const taken = await realName(b.token, '李四', id);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('ID_NUMBER_TAKEN');
    expect((await call(env.sys.app, { url: '/api/v1/me', token: b.token })).json().realName).toBeNull();
    expect((await realName(a.token, '李四', idFor('19850505', '105'))).json().error.code).toBe('ALREADY_VERIFIED');
  });
});

describe('bank card binding', () => {
  it('needs a verified real name first', async () => {
    const phone = freshPhone();
    const { token } = await registerMember(env.sys.app, env.admin, phone);
    const res = await bind(token, { cardNumber: cardFor('1000001'), reservedPhone: phone, code: '123456' });
    expect(res.json().error.code).toBe('REAL_NAME_REQUIRED');
  });

  it('binds a card by four elements and the SMS code sent to the reserved phone', async () => {
    const phone = freshPhone();
    const { token, memberId } = await registerMember(env.sys.app, env.admin, phone);
    await realName(token, '王五', idFor('19920202', '106'));
    const card = cardFor('2000002');
    const reserved = freshPhone();
    const res = await bind(token, {
      cardNumber: card.replace(/(\d{4})/g, '$1 '),
      reservedPhone: reserved,
      code: await bindCode(token, reserved),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      bankName: '中国工商银行',
      cardMasked: `6222 **** **** ${card.slice(-4)}`,
      reservedPhoneMasked: `${reserved.slice(0, 3)}****${reserved.slice(-4)}`,
    });
    expect((await call(env.sys.app, { url: '/api/v1/me', token })).json().bankCards).toHaveLength(1);
    const raw = await sql<{ row: string }>`SELECT row_to_json(c)::text AS row FROM bank_cards c WHERE member_id = ${memberId}`.execute(
      env.sys.platform.db,
    );
    expect(raw.rows[0]!.row).not.toContain(card);
    expect(raw.rows[0]!.row).not.toContain(reserved);
  });

  it('refuses bad numbers, unknown banks, declined cards and cards bound elsewhere, each with its own code', async () => {
    const a = await registerMember(env.sys.app, env.admin, freshPhone());
    const b = await registerMember(env.sys.app, env.admin, freshPhone());
    await realName(a.token, '赵六', idFor('19930303', '107'));
    await realName(b.token, '钱七', idFor('19940404', '108'));
    const reserved = freshPhone();
    const bad = cardFor('3000003');
    const notLuhn = bad.slice(0, 18) + ((Number(bad[18]) + 1) % 10);
    expect((await bind(a.token, { cardNumber: notLuhn, reservedPhone: reserved, code: '123456' })).json().error.code).toBe(
      'INVALID_CARD_NUMBER',
    );
    let unknownBank = '';
    for (let d = 0; d < 10 && !unknownBank; d++) if (luhnValid(`999999000000000000${d}`)) unknownBank = `999999000000000000${d}`;
    expect((await bind(a.token, { cardNumber: unknownBank, reservedPhone: reserved, code: '123456' })).json().error.code).toBe(
      'UNSUPPORTED_BANK',
    );
    const declined = await bind(a.token, {
      cardNumber: cardEnding('30', '4444'),
      reservedPhone: reserved,
      code: await bindCode(a.token, reserved),
    });
    expect(declined.json().error.code).toBe('CARD_VERIFICATION_FAILED');

    const card = cardFor('4000004');
    env.sys.clock.advance(61_000);
    expect((await bind(a.token, { cardNumber: card, reservedPhone: reserved, code: await bindCode(a.token, reserved) })).statusCode).toBe(
      201,
    );
    const other = freshPhone();
    const taken = await bind(b.token, { cardNumber: card, reservedPhone: other, code: await bindCode(b.token, other) });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CARD_ALREADY_BOUND');
  });

  it('lets only the owner unbind a card, which frees it for another account', async () => {
    const a = await registerMember(env.sys.app, env.admin, freshPhone());
    const b = await registerMember(env.sys.app, env.admin, freshPhone());
    await realName(a.token, '孙八', idFor('19950505', '109'));
    await realName(b.token, '周九', idFor('19960606', '110'));
    const card = cardFor('5000005');
    const reservedA = freshPhone();
    const bound = await bind(a.token, { cardNumber: card, reservedPhone: reservedA, code: await bindCode(a.token, reservedA) });
    const cardId = bound.json().id;
    const stolen = await call(env.sys.app, { method: 'DELETE', url: `/api/v1/me/bank-cards/${cardId}`, token: b.token });
    expect(stolen.statusCode).toBe(404);
    expect((await call(env.sys.app, { url: '/api/v1/me', token: a.token })).json().bankCards).toHaveLength(1);
    expect((await call(env.sys.app, { method: 'DELETE', url: `/api/v1/me/bank-cards/${cardId}`, token: a.token })).statusCode).toBe(204);
    expect((await call(env.sys.app, { url: '/api/v1/me', token: a.token })).json().bankCards).toHaveLength(0);
    const reservedB = freshPhone();
    expect((await bind(b.token, { cardNumber: card, reservedPhone: reservedB, code: await bindCode(b.token, reservedB) })).statusCode).toBe(
      201,
    );
  });

  it('asks for a session before sending a bind_card code, and names the bank of a BIN', async () => {
    expect(
      (await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/sms-codes', body: { phone: freshPhone(), purpose: 'bind_card' } }))
        .statusCode,
    ).toBe(401);
    expect((await call(env.sys.app, { url: '/api/v1/bank-bins/622588' })).json()).toMatchObject({ bankCode: 'CMB', bankName: '招商银行' });
    expect((await call(env.sys.app, { url: '/api/v1/bank-bins/999999' })).json().error.code).toBe('UNSUPPORTED_BANK');
  });
});
