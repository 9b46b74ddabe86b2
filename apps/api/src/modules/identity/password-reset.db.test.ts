import { idCheckDigit, luhnValid } from '@quanzi/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, lastCode, PASSWORD, registerMember, useDemoSystem } from '../../../test/flows.js';

const env = useDemoSystem();
const NEW_PASSWORD = 'Brand2026new';

let idSeq = 300;
const freshId = () => {
  const first17 = `31010119900115${String(idSeq++).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
};
let cardSeq = 0;
const freshCard = () => {
  const body = `622202${String(process.pid % 10000).padStart(4, '0')}${String(cardSeq++).padStart(4, '0')}0000`.slice(0, 18);
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
};

const login = (phone: string, password: string) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone, password } });
const resetCode = async (phone: string) => {
  env.sys.clock.advance(1000); // the outbox orders messages by time: one second apart, the newest is read
  const sent = await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/sms-codes', body: { phone, purpose: 'reset_password' } });
  expect(sent.statusCode, sent.body).toBe(202);
  return sent;
};
const reset = (body: Record<string, unknown>) => call(env.sys.app, { method: 'POST', url: '/api/v1/auth/password-reset', body });

async function verifiedMember(withCard = true) {
  const phone = freshPhone();
  const { token, memberId } = await registerMember(env.sys.app, env.admin, phone);
  const idNumber = freshId();
  const rn = await call(env.sys.app, { method: 'POST', url: '/api/v1/me/real-name', token, body: { name: '王小明', idNumber } });
  expect(rn.statusCode, rn.body).toBe(200);
  const cardNumber = freshCard();
  if (withCard) {
    env.sys.clock.advance(1000);
    await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/sms-codes', token, body: { phone, purpose: 'bind_card' } });
    const code = await lastCode(env.sys.app, env.admin, phone);
    const bound = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/me/bank-cards',
      token,
      body: { cardNumber, reservedPhone: phone, code },
    });
    expect(bound.statusCode, bound.body).toBe(201);
  }
  expect(
    (await call(env.sys.app, { method: 'PUT', url: '/api/v1/me/payment-password', token, body: { paymentPassword: '135790' } })).statusCode,
  ).toBe(204);
  return { phone, token, memberId, idNumber, cardNumber };
}

const auditActions = async (memberId: string) =>
  (
    await sql<{ action: string }>`SELECT action FROM audit_log WHERE target_id = ${memberId} ORDER BY seq`.execute(env.sys.platform.db)
  ).rows.map((r) => r.action);

const inboxTitles = async (token: string) => {
  await env.sys.platform.outbox.drainAll();
  const res = await call(env.sys.app, { url: '/api/v1/me/inbox', token });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Array<{ title: string }>).map((n) => n.title);
};

describe('忘记密码: login password reset', () => {
  it('resets with the code and the ID number’s last four, ends every session, audits and notifies', async () => {
    const m = await verifiedMember(false);
    const other = (await login(m.phone, PASSWORD)).json().token as string;
    await resetCode(m.phone);
    const code = await lastCode(env.sys.app, env.admin, m.phone);
    const res = await reset({ phone: m.phone, code, idLast4: m.idNumber.slice(-4).toLowerCase(), password: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(204);
    // Every session ended, the old password is dead, the new one works.
    for (const token of [m.token, other]) expect((await call(env.sys.app, { url: '/api/v1/me', token })).statusCode).toBe(401);
    expect((await login(m.phone, PASSWORD)).json().error.code).toBe('INVALID_CREDENTIALS');
    const fresh = await login(m.phone, NEW_PASSWORD);
    expect(fresh.statusCode).toBe(200);
    expect(await auditActions(m.memberId)).toContain('member.password_reset');
    expect(await inboxTitles(fresh.json().token)).toContain('登录密码已重置');
    const deliveries = await sql<{ channel: string }>`
      SELECT d.channel FROM notification_deliveries d JOIN notification_messages m ON m.id = d.message_id
      WHERE m.member_id = ${m.memberId} AND m.topic = 'security'`.execute(env.sys.platform.db);
    expect(deliveries.rows.map((r) => r.channel)).toContain('sms');
    // A second delivery of the same event sends nothing twice.
    await env.sys.platform.outbox.drainAll();
    expect((await inboxTitles(fresh.json().token)).filter((t) => t === '登录密码已重置')).toHaveLength(1);
  });

  it('answers an unknown phone exactly as wrong data, and the code allows one try', async () => {
    const m = await verifiedMember(false);
    const unknown = freshPhone();
    await resetCode(unknown);
    const unknownRes = await reset({
      phone: unknown,
      code: await lastCode(env.sys.app, env.admin, unknown),
      idLast4: '1234',
      password: NEW_PASSWORD,
    });
    await resetCode(m.phone);
    const code = await lastCode(env.sys.app, env.admin, m.phone);
    const wrongLast4 = m.idNumber.slice(-4) === '0000' ? '1111' : '0000';
    const wrongRes = await reset({ phone: m.phone, code, idLast4: wrongLast4, password: NEW_PASSWORD });
    expect(wrongRes.statusCode).toBe(400);
    expect(unknownRes.statusCode).toBe(wrongRes.statusCode);
    expect(unknownRes.json()).toEqual(wrongRes.json());
    expect(wrongRes.json().error.code).toBe('RESET_VERIFICATION_FAILED');
    // The code was spent by the wrong answer: the right one now needs a new code.
    const again = await reset({ phone: m.phone, code, idLast4: m.idNumber.slice(-4), password: NEW_PASSWORD });
    expect(again.json().error.code).toBe('SMS_CODE_EXPIRED');
    // A wrong code answers the same for a registered and an unregistered phone.
    const a = await reset({ phone: freshPhone(), code: '123456', password: NEW_PASSWORD });
    const b = await reset({ phone: m.phone, code: '123456', password: NEW_PASSWORD });
    expect(a.json()).toEqual(b.json());
    expect((await login(m.phone, PASSWORD)).statusCode).toBe(200);
  });

  it('locks resetting after five wrong answers, without locking login, and the lock ends after 15 minutes', async () => {
    const m = await verifiedMember(false);
    const wrongLast4 = m.idNumber.slice(-4) === '0000' ? '1111' : '0000';
    for (let i = 0; i < 5; i++) {
      env.sys.clock.advance(61_000);
      await resetCode(m.phone);
      const res = await reset({
        phone: m.phone,
        code: await lastCode(env.sys.app, env.admin, m.phone),
        idLast4: wrongLast4,
        password: NEW_PASSWORD,
      });
      expect(res.json().error.code).toBe(i < 4 ? 'RESET_VERIFICATION_FAILED' : 'RESET_LOCKED');
    }
    env.sys.clock.advance(61_000);
    await resetCode(m.phone);
    const locked = await reset({
      phone: m.phone,
      code: await lastCode(env.sys.app, env.admin, m.phone),
      idLast4: m.idNumber.slice(-4),
      password: NEW_PASSWORD,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('RESET_LOCKED');
    expect((await login(m.phone, PASSWORD)).statusCode).toBe(200);
    expect(await auditActions(m.memberId)).toEqual(
      expect.arrayContaining(['member.password_reset_failed', 'member.password_reset_locked']),
    );
    env.sys.clock.advance(15 * 60_000);
    await resetCode(m.phone);
    const ok = await reset({
      phone: m.phone,
      code: await lastCode(env.sys.app, env.admin, m.phone),
      idLast4: m.idNumber.slice(-4),
      password: NEW_PASSWORD,
    });
    expect(ok.statusCode, ok.body).toBe(204);
  });

  it('lets a member locked out by wrong passwords reset and sign in; a member without real name needs only the code', async () => {
    const phone = freshPhone();
    await registerMember(env.sys.app, env.admin, phone);
    for (let i = 0; i < 5; i++) await login(phone, 'Wrong2026x');
    expect((await login(phone, PASSWORD)).json().error.code).toBe('ACCOUNT_LOCKED');
    await resetCode(phone);
    const res = await reset({ phone, code: await lastCode(env.sys.app, env.admin, phone), password: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(204);
    expect((await login(phone, NEW_PASSWORD)).statusCode).toBe(200);
  });
});

describe('找回支付密码: payment-password reset', () => {
  const sendCode = (token: string) => (
    env.sys.clock.advance(1000),
    call(env.sys.app, { method: 'POST', url: '/api/v1/me/payment-password/reset/sms-code', token })
  );
  const resetPin = (token: string, body: Record<string, unknown>) =>
    call(env.sys.app, { method: 'POST', url: '/api/v1/me/payment-password/reset', token, body });
  const verifyPin = (token: string, paymentPassword: string) =>
    call(env.sys.app, { method: 'POST', url: '/api/v1/me/payment-password/verify', token, body: { paymentPassword } });

  it('resets with the code, the real name and ID again and a bound card, lifting the payment lock', async () => {
    const m = await verifiedMember();
    for (let i = 0; i < 5; i++) await verifyPin(m.token, '000000');
    expect((await verifyPin(m.token, '135790')).json().error.code).toBe('PAYMENT_PASSWORD_LOCKED');
    expect((await sendCode(m.token)).statusCode).toBe(202);
    const code = await lastCode(env.sys.app, env.admin, m.phone);
    const res = await resetPin(m.token, {
      code,
      name: '王小明',
      idNumber: m.idNumber,
      cardNumber: m.cardNumber,
      paymentPassword: '246802',
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await verifyPin(m.token, '246802')).statusCode).toBe(204);
    expect((await call(env.sys.app, { url: '/api/v1/me', token: m.token })).statusCode).toBe(200);
    expect(await auditActions(m.memberId)).toContain('member.payment_password_reset');
    expect(await inboxTitles(m.token)).toContain('支付密码已重置');
  });

  it('refuses a wrong name, ID number or card alike, one try per code, and locks after five', async () => {
    const m = await verifiedMember();
    const otherCard = freshCard();
    const wrongs = [
      { name: '王小红', idNumber: m.idNumber, cardNumber: m.cardNumber },
      { name: '王小明', idNumber: freshId(), cardNumber: m.cardNumber },
      { name: '王小明', idNumber: m.idNumber, cardNumber: otherCard },
      { name: '王小明', idNumber: m.idNumber },
    ];
    const bodies: unknown[] = [];
    for (const wrong of wrongs) {
      env.sys.clock.advance(61_000);
      await sendCode(m.token);
      const code = await lastCode(env.sys.app, env.admin, m.phone);
      const res = await resetPin(m.token, { code, ...wrong, paymentPassword: '246802' });
      expect(res.statusCode).toBe(400);
      bodies.push(res.json());
      expect(
        (
          await resetPin(m.token, { code, name: '王小明', idNumber: m.idNumber, cardNumber: m.cardNumber, paymentPassword: '246802' })
        ).json().error.code,
      ).toBe('SMS_CODE_EXPIRED');
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    env.sys.clock.advance(61_000);
    await sendCode(m.token);
    const fifth = await resetPin(m.token, {
      code: await lastCode(env.sys.app, env.admin, m.phone),
      ...wrongs[0],
      paymentPassword: '246802',
    });
    expect(fifth.statusCode).toBe(423);
    env.sys.clock.advance(61_000);
    // While locked no code is sent and no answer is looked at.
    expect((await sendCode(m.token)).json().error.code).toBe('RESET_LOCKED');
    expect(
      (
        await resetPin(m.token, {
          code: '123456',
          name: '王小明',
          idNumber: m.idNumber,
          cardNumber: m.cardNumber,
          paymentPassword: '246802',
        })
      ).json().error.code,
    ).toBe('RESET_LOCKED');
    expect((await verifyPin(m.token, '135790')).statusCode).toBe(204);
  });

  it('refuses a code sent for the public routes and requires real name', async () => {
    const m = await verifiedMember();
    const viaPublic = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/auth/sms-codes',
      body: { phone: m.phone, purpose: 'reset_payment_password' },
    });
    expect(viaPublic.statusCode).toBe(403);
    const { token } = await registerMember(env.sys.app, env.admin, freshPhone());
    expect((await sendCode(token)).json().error.code).toBe('REAL_NAME_REQUIRED');
  });
});
