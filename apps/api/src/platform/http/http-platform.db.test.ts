import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, ORIGIN, type TestSystem } from '../../../test/harness.js';
import { operatorLogin } from '../../../test/flows.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await createTestSystem({ demo: true, config: { bodyLimitBytes: 4096 } });
});
afterAll(() => sys.close());

const login = (body: unknown, extra: { headers?: Record<string, string>; ip?: string } = {}) =>
  call(sys.app, { method: 'POST', url: '/api/v1/auth/login', body, ...extra });

describe('errors are {"error":{code,message}} in the caller’s language, never a 500', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      payload: '{"phone":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'MALFORMED_JSON', message: '请求格式不正确（JSON 无法解析）' } });
  });

  it('wrong types and unknown fields → 400 VALIDATION_FAILED naming the field', async () => {
    const wrongType = await login({ phone: 13800000001, password: 'x' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details[0].field).toBe('body.phone');
    const unknown = await login({ phone: '13800000001', password: 'x', admin: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('oversize bodies → 413 PAYLOAD_TOO_LARGE; other media types → 415', async () => {
    const big = await login({ phone: '13800000001', password: 'x'.repeat(5000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml', origin: ORIGIN },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('speaks English when asked and Chinese by default', async () => {
    const zh = await login({ phone: '13800000001', password: 'wrong-password1' });
    expect(zh.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: '手机号或密码错误' });
    const en = await login(
      { phone: '13800000002', password: 'wrong-password1' },
      { headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } },
    );
    expect(en.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Wrong phone number or password' });
  });

  it('unknown API routes → 404 NOT_FOUND as JSON', async () => {
    const res = await call(sys.app, { url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('a missing or unknown token → 401 UNAUTHENTICATED', async () => {
    expect((await call(sys.app, { url: '/api/v1/me' })).json().error.code).toBe('UNAUTHENTICATED');
    expect((await call(sys.app, { url: '/api/v1/me', token: 'forged' })).statusCode).toBe(401);
  });
});

describe('cookie sessions are protected against cross-site requests', () => {
  it('refuses a cookie-authenticated write from another origin and one with no origin at all', async () => {
    const ok = await login({ phone: '13800000001', password: 'Quanzi2026' });
    const cookie = `qz_session=${ok.json().token}`;
    const write = (headers: Record<string, string>) =>
      sys.app.inject({
        method: 'PUT',
        url: '/api/v1/me/payment-password',
        headers: { 'content-type': 'application/json', cookie, ...headers },
        payload: JSON.stringify({ paymentPassword: '246810' }),
      });
    const evil = await write({ origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('CSRF_REJECTED');
    expect((await write({})).json().error.code).toBe('CSRF_REJECTED');
    expect((await write({ origin: ORIGIN, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    // The same-origin app passes the check and reaches the use case (which wants the current password).
    expect((await write({ origin: ORIGIN })).json().error.code).toBe('WRONG_PAYMENT_PASSWORD');
  });

  it('lets bearer-token clients write without an Origin header (no ambient credentials)', async () => {
    const ok = await login({ phone: '13800000002', password: 'Quanzi2026' });
    const res = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${ok.json().token}` },
    });
    expect(res.statusCode).toBe(204);
  });

  it('never accepts a session token in the URL', async () => {
    const ok = await login({ phone: '13800000002', password: 'Quanzi2026' });
    const res = await sys.app.inject({ method: 'GET', url: `/api/v1/me?token=${ok.json().token}` });
    expect(res.statusCode).toBe(401);
  });
});

describe('rate limits', () => {
  it('SMS codes: the sixth request in a minute from one IP gets 429 RATE_LIMITED', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const res = await call(sys.app, {
        method: 'POST',
        url: '/api/v1/auth/sms-codes',
        body: { phone: `1370000${String(1000 + i)}`, purpose: 'register' },
        ip: '192.0.2.10',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('member login: the eleventh attempt in a minute from one IP gets 429 with a retry hint', async () => {
    let last;
    for (let i = 0; i < 11; i++) last = await login({ phone: '13800000009', password: 'whatever1' }, { ip: '192.0.2.11' });
    expect(last!.statusCode).toBe(429);
    expect(last!.json().error.code).toBe('RATE_LIMITED');
    expect(last!.json().error.message).toMatch(/秒后再试/);
  });

  it('registration and console login are limited too', async () => {
    let reg;
    let con;
    for (let i = 0; i < 11; i++) {
      reg = await call(sys.app, {
        method: 'POST',
        url: '/api/v1/auth/register',
        body: { phone: '13700001111', code: '123456', password: 'abc12345', agreementVersion: '2026-11' },
        ip: '192.0.2.12',
      });
      con = await call(sys.app, {
        method: 'POST',
        url: '/api/v1/console/auth/login',
        body: { username: 'nobody', password: 'x' },
        ip: '192.0.2.13',
      });
    }
    expect(reg!.statusCode).toBe(429);
    expect(con!.statusCode).toBe(429);
  });

  it('the global limit applies to every route', async () => {
    const small = await createTestSystem({ config: { globalRateLimit: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await call(small.app, { url: '/api/health', ip: '192.0.2.14' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
    } finally {
      await small.close();
    }
  });
});

describe('operational endpoints', () => {
  it('health checks the database', async () => {
    const res = await call(sys.app, { url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('serves an OpenAPI 3 document covering member and console routes, and a docs page', async () => {
    const doc = (await call(sys.app, { url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/register', '/api/v1/me/bank-cards', '/api/v1/console/audit-log']),
    );
    const docs = await call(sys.app, { url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('exposes Prometheus metrics with request durations by route pattern', async () => {
    await call(sys.app, { url: '/api/health' });
    const metrics = await call(sys.app, { url: '/metrics' });
    expect(metrics.body).toContain('quanzi_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/health"');
  });

  it('sends security headers and a request id', async () => {
    const page = await call(sys.app, { url: '/api/docs/' });
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const json = await call(sys.app, { url: '/api/v1/agreements' });
    expect(json.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'content-security-policy': "frame-ancestors 'none'",
    });
  });

  it('answers CORS preflights only for configured origins', async () => {
    const allowed = await sys.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/me',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    const other = await sys.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/me',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps personal data out of request logs', async () => {
    const token = await operatorLogin(sys.app);
    await call(sys.app, { url: '/api/v1/console/sms-outbox?phone=13800000001', token });
    await login({ phone: '13800000001', password: 'Quanzi2026' });
    // Refused requests are logged at the default level (successful ones only at debug): with the path, never the query.
    await call(sys.app, { url: '/api/v1/console/sms-outbox?phone=13800000001' });
    const all = sys.logs.join('\n');
    expect(all).toContain('"url":"/api/v1/console/sms-outbox","id"');
    expect(all).toContain('request refused or failed');
    expect(all).not.toContain('request completed');
    expect(all).not.toContain('13800000001');
    expect(all).not.toContain('Quanzi2026');
  });
});
