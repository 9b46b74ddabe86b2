import { AGREEMENT_VERSION } from '@quanzi/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, lastCode, PASSWORD, useDemoSystem } from '../../../test/flows.js';

const env = useDemoSystem();

const sendCode = (phone: string, purpose = 'register') =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/auth/sms-codes', body: { phone, purpose } });
const register = (body: Record<string, unknown>) =>
  call(env.sys.app, {
    method: 'POST',
    url: '/api/v1/auth/register',
    body: { password: PASSWORD, agreementVersion: AGREEMENT_VERSION, ...body },
  });

describe('registration with phone, SMS code and password', () => {
  it('creates the member, signs them in and stores the phone only encrypted', async () => {
    const phone = freshPhone();
    expect((await sendCode(phone)).statusCode).toBe(202);
    const code = await lastCode(env.sys.app, env.admin, phone);
    const res = await register({ phone, code, channel: 'douyin', utmCampaign: 'spring' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.member.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(res.cookies.find((c) => c.name === 'qz_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await call(env.sys.app, { url: '/api/v1/me', token: body.token });
    expect(me.json().id).toBe(body.member.id);
    const raw = await sql<{ row: string }>`SELECT row_to_json(m)::text AS row FROM members m WHERE id = ${body.member.id}`.execute(
      env.sys.platform.db,
    );
    expect(raw.rows[0]!.row).not.toContain(phone);
    expect(raw.rows[0]!.row).toContain('douyin');
  });

  it('refuses a wrong code, counts it, and kills the code after five wrong tries', async () => {
    const phone = freshPhone();
    await sendCode(phone);
    const code = await lastCode(env.sys.app, env.admin, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await register({ phone, code: wrong })).json().error.code).toBe('SMS_CODE_INVALID');
    expect((await register({ phone, code: wrong })).json().error.code).toBe('SMS_CODE_EXHAUSTED');
    expect((await register({ phone, code })).json().error.code).toBe('SMS_CODE_EXHAUSTED');
  });

  it('refuses an expired code and a reused one', async () => {
    const phone = freshPhone();
    await sendCode(phone);
    const code = await lastCode(env.sys.app, env.admin, phone);
    env.sys.clock.advance(5 * 60_000 + 1000);
    expect((await register({ phone, code })).json().error.code).toBe('SMS_CODE_EXPIRED');
    env.sys.clock.advance(61_000);
    await sendCode(phone);
    const fresh = await lastCode(env.sys.app, env.admin, phone);
    expect((await register({ phone, code: fresh })).statusCode).toBe(201);
    const again = await register({ phone, code: fresh });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PHONE_TAKEN');
  });

  it('allows one code per phone per minute and ten per day', async () => {
    const phone = freshPhone();
    expect((await sendCode(phone)).statusCode).toBe(202);
    const tooSoon = await sendCode(phone);
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().error.code).toBe('SMS_COOLDOWN');
    for (let i = 0; i < 9; i++) {
      env.sys.clock.advance(61_000);
      expect((await sendCode(phone)).statusCode).toBe(202);
    }
    env.sys.clock.advance(61_000);
    const eleventh = await sendCode(phone);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe('SMS_DAILY_LIMIT');
  });

  it('keeps the cooldown per purpose and the daily cap across purposes', async () => {
    const phone = freshPhone();
    expect((await sendCode(phone, 'register')).statusCode).toBe(202);
    const { token } = (await register({ phone, code: await lastCode(env.sys.app, env.admin, phone) })).json();
    const sendAs = (purpose: string) =>
      call(env.sys.app, { method: 'POST', url: '/api/v1/auth/sms-codes', token, body: { phone, purpose } });
    // Registering and then binding a card at once: the second purpose does not wait for the first.
    expect((await sendAs('bind_card')).statusCode).toBe(202);
    expect((await sendAs('login')).statusCode).toBe(202);
    const again = await sendAs('bind_card');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('SMS_COOLDOWN');
    // Ten a day in all, whatever the purposes.
    for (const purpose of ['bind_card', 'login', 'bind_card', 'login', 'bind_card', 'login', 'bind_card']) {
      env.sys.clock.advance(61_000);
      expect((await sendAs(purpose)).statusCode).toBe(202);
    }
    env.sys.clock.advance(61_000);
    const eleventh = await sendAs('login');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe('SMS_DAILY_LIMIT');
  });

  it('rejects weak passwords, outdated agreements and malformed phones with their own codes', async () => {
    const phone = freshPhone();
    await sendCode(phone);
    const code = await lastCode(env.sys.app, env.admin, phone);
    expect((await register({ phone, code, password: '12345678' })).json().error.code).toBe('WEAK_PASSWORD');
    expect((await register({ phone, code, agreementVersion: '2020-01' })).json().error.code).toBe('AGREEMENT_OUTDATED');
    const bad = await register({ phone: '12345', code });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_PHONE');
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM members`.execute(env.sys.platform.db);
    expect(Number(count.rows[0]!.n)).toBeGreaterThan(0);
  });
});
