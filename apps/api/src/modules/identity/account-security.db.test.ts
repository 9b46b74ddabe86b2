import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, PASSWORD, registerMember, useDemoSystem } from '../../../test/flows.js';

const env = useDemoSystem();

const login = (phone: string, password: string, deviceId?: string) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone, password, ...(deviceId ? { deviceId } : {}) } });
const pin = (token: string, paymentPassword: string) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/me/payment-password/verify', token, body: { paymentPassword } });

describe('login and lockout', () => {
  it('locks the account after five wrong passwords, refuses even the right one, and unlocks after 15 minutes', async () => {
    const phone = freshPhone();
    await registerMember(env.sys.app, env.admin, phone);
    for (let i = 0; i < 4; i++) {
      env.sys.clock.advance(1000);
      expect((await login(phone, 'Wrong2026x')).json().error.code).toBe('INVALID_CREDENTIALS');
    }
    env.sys.clock.advance(1000);
    const fifth = await login(phone, 'Wrong2026x');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toContain('15 分钟');
    env.sys.clock.advance(1000);
    expect((await login(phone, PASSWORD)).json().error.code).toBe('ACCOUNT_LOCKED');
    env.sys.clock.advance(15 * 60_000);
    const ok = await login(phone, PASSWORD);
    expect(ok.statusCode).toBe(200);
    const history = await call(env.sys.app, { url: '/api/v1/me/login-history?pageSize=50', token: ok.json().token });
    const outcomes = history.json().items.map((e: { outcome: string }) => e.outcome);
    expect(outcomes.slice(0, 7)).toEqual([
      'success',
      'locked',
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'wrong_password',
    ]);
    expect(history.json().items[0].ipMasked).toMatch(/^\d+\.\d+\.\*\.\*$/);
  });

  it('does not reveal whether a phone is registered', async () => {
    const unknown = await login(freshPhone(), 'Whatever2026');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('devices', () => {
  it('lists each signed-in device, marks the current one, and signs another out at once', async () => {
    const phone = freshPhone();
    await registerMember(env.sys.app, env.admin, phone);
    const laptop = (await login(phone, PASSWORD, 'laptop-1')).json().token;
    const mobile = (await login(phone, PASSWORD, 'phone-1')).json().token;
    const list = (await call(env.sys.app, { url: '/api/v1/me/sessions', token: laptop })).json().items;
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phoneSession = list.find((s: { deviceId: string }) => s.deviceId === 'phone-1');
    expect((await call(env.sys.app, { url: '/api/v1/me', token: mobile })).statusCode).toBe(200);
    expect((await call(env.sys.app, { method: 'DELETE', url: `/api/v1/me/sessions/${phoneSession.id}`, token: laptop })).statusCode).toBe(
      204,
    );
    expect((await call(env.sys.app, { url: '/api/v1/me', token: mobile })).json().error.code).toBe('UNAUTHENTICATED');
    expect((await call(env.sys.app, { url: '/api/v1/me', token: laptop })).statusCode).toBe(200);
  });

  it('cannot sign out another member’s device', async () => {
    const a = await registerMember(env.sys.app, env.admin, freshPhone());
    const b = await registerMember(env.sys.app, env.admin, freshPhone());
    const bSession = (await call(env.sys.app, { url: '/api/v1/me/sessions', token: b.token })).json().items[0].id;
    expect((await call(env.sys.app, { method: 'DELETE', url: `/api/v1/me/sessions/${bSession}`, token: a.token })).statusCode).toBe(404);
    expect((await call(env.sys.app, { url: '/api/v1/me', token: b.token })).statusCode).toBe(200);
  });
});

describe('payment password', () => {
  it('refuses guessable codes, then locks payments (not login) after five wrong tries', async () => {
    const phone = freshPhone();
    const { token } = await registerMember(env.sys.app, env.admin, phone);
    expect((await pin(token, '246810')).json().error.code).toBe('PAYMENT_PASSWORD_NOT_SET');
    for (const weak of ['123456', '111111', '987654']) {
      expect(
        (await call(env.sys.app, { method: 'PUT', url: '/api/v1/me/payment-password', token, body: { paymentPassword: weak } })).json()
          .error.code,
      ).toBe('WEAK_PAYMENT_PASSWORD');
    }
    expect(
      (await call(env.sys.app, { method: 'PUT', url: '/api/v1/me/payment-password', token, body: { paymentPassword: '246810' } }))
        .statusCode,
    ).toBe(204);
    expect((await call(env.sys.app, { url: '/api/v1/me', token })).json().hasPaymentPassword).toBe(true);
    expect((await pin(token, '246810')).statusCode).toBe(204);
    const first = await pin(token, '135791');
    expect(first.json().error).toEqual({ code: 'WRONG_PAYMENT_PASSWORD', message: '支付密码错误，还可尝试 4 次' });
    for (let i = 0; i < 3; i++) await pin(token, '135791');
    const fifth = await pin(token, '135791');
    expect(fifth.statusCode).toBe(423);
    expect((await pin(token, '246810')).json().error.code).toBe('PAYMENT_PASSWORD_LOCKED');
    expect((await login(phone, PASSWORD)).statusCode).toBe(200);
    env.sys.clock.advance(30 * 60_000 + 1000);
    expect((await pin(token, '246810')).statusCode).toBe(204);
  });

  it('changes only with the current payment password', async () => {
    const { token } = await registerMember(env.sys.app, env.admin, freshPhone());
    await call(env.sys.app, { method: 'PUT', url: '/api/v1/me/payment-password', token, body: { paymentPassword: '246810' } });
    expect(
      (await call(env.sys.app, { method: 'PUT', url: '/api/v1/me/payment-password', token, body: { paymentPassword: '975310' } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await call(env.sys.app, {
          method: 'PUT',
          url: '/api/v1/me/payment-password',
          token,
          body: { paymentPassword: '975310', currentPaymentPassword: '246810' },
        })
      ).statusCode,
    ).toBe(204);
    expect((await pin(token, '975310')).statusCode).toBe(204);
  });
});

describe('account closure', () => {
  it('is blocked while a module reports something open, with the reason', async () => {
    const { token, memberId } = await registerMember(env.sys.app, env.admin, freshPhone());
    env.sys.modules.identity.registerClosureCheck('ledger', async (id) => (id === memberId ? '钱包余额 ¥12.30 尚未提现' : null));
    const check = await call(env.sys.app, { url: '/api/v1/me/closure', token });
    expect(check.json().blockers).toEqual([{ module: 'ledger', reason: '钱包余额 ¥12.30 尚未提现' }]);
    const res = await call(env.sys.app, { method: 'POST', url: '/api/v1/me/closure', token, body: { password: PASSWORD } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('钱包余额 ¥12.30 尚未提现');
    expect((await call(env.sys.app, { url: '/api/v1/me', token })).json().status).toBe('active');
  });

  it('closes the account: sessions end, the phone can register again, the audit log records it', async () => {
    const phone = freshPhone();
    const { token, memberId } = await registerMember(env.sys.app, env.admin, phone);
    expect(
      (await call(env.sys.app, { method: 'POST', url: '/api/v1/me/closure', token, body: { password: 'Wrong2026x' } })).json().error.code,
    ).toBe('INVALID_CREDENTIALS');
    expect((await call(env.sys.app, { method: 'POST', url: '/api/v1/me/closure', token, body: { password: PASSWORD } })).statusCode).toBe(
      204,
    );
    expect((await call(env.sys.app, { url: '/api/v1/me', token })).statusCode).toBe(401);
    expect((await login(phone, PASSWORD)).statusCode).toBe(401);
    env.sys.clock.advance(61_000);
    const again = await registerMember(env.sys.app, env.admin, phone);
    expect(again.memberId).not.toBe(memberId);
    const audit = await call(env.sys.app, { url: `/api/v1/console/audit-log?action=member.closed&targetId=${memberId}`, token: env.admin });
    expect(audit.json().total).toBe(1);
    const detail = await call(env.sys.app, { url: `/api/v1/console/members/${memberId}`, token: env.admin });
    expect(detail.json()).toMatchObject({ status: 'closed', nickname: '已注销用户' });
  });
});
