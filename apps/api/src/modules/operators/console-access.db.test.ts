import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestSystem, type TestSystem } from '../../../test/harness.js';
import { operatorLogin } from '../../../test/flows.js';

let sys: TestSystem;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  sys = await createTestSystem({ demo: true });
  for (const u of ['admin', 'compliance', 'risk', 'service', 'community', 'growth', 'finance']) tokens[u] = await operatorLogin(sys.app, u);
});
afterAll(() => sys.close());

const get = (url: string, token: string) => call(sys.app, { url: `/api/v1/console${url}`, token });

describe('each role sees and may do only its part', () => {
  it.each([
    ['/members', { admin: 200, compliance: 200, risk: 200, service: 200, community: 200, growth: 200, finance: 200 }],
    ['/operators', { admin: 200, compliance: 403, risk: 403, service: 403, community: 403, growth: 403, finance: 403 }],
    ['/audit-log', { admin: 200, compliance: 200, risk: 200, service: 403, community: 403, growth: 403, finance: 200 }],
    ['/sms-outbox', { admin: 200, compliance: 403, risk: 403, service: 200, community: 403, growth: 403, finance: 403 }],
  ])('%s', async (url, expected) => {
    const actual: Record<string, number> = {};
    for (const user of Object.keys(expected)) actual[user] = (await get(url, tokens[user]!)).statusCode;
    expect(actual).toEqual(expected);
  });

  it('keeps member and operator sessions apart', async () => {
    const member = (
      await call(sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone: '13800000001', password: 'Quanzi2026' } })
    ).json().token;
    expect((await get('/members', member)).statusCode).toBe(401);
    expect((await call(sys.app, { url: '/api/v1/me', token: tokens.admin })).statusCode).toBe(401);
  });
});

describe('revealing personal data', () => {
  it('needs pii.reveal and a reason, returns the full value, and audits the read', async () => {
    const list = (await get('/members?q=13800000001', tokens.compliance!)).json();
    const memberId = list.items[0].id;
    const detail = await get(`/members/${memberId}`, tokens.compliance!);
    expect(detail.body).not.toContain('13800000001');
    expect(detail.body).not.toContain('110105199003071239');
    expect(detail.json().realName.idNumberMasked).toBe('110***********1239');
    const reveal = (token: string, body: unknown) =>
      call(sys.app, { method: 'POST', url: `/api/v1/console/members/${memberId}/reveal`, token, body });
    expect((await reveal(tokens.growth!, { field: 'idNumber', reason: '核实身份' })).statusCode).toBe(403);
    expect((await reveal(tokens.compliance!, { field: 'idNumber', reason: ' ' })).statusCode).toBe(400);
    const ok = await reveal(tokens.compliance!, { field: 'idNumber', reason: '客户投诉核实身份' });
    expect(ok.json()).toEqual({ field: 'idNumber', value: '110105199003071239' });
    const cardId = detail.json().bankCards[0].id;
    expect((await reveal(tokens.risk!, { field: 'cardNumber', cardId, reason: '疑似盗卡排查' })).json().value).toBe('6222020200112345679');
    const audit = (await get(`/audit-log?action=pii.revealed&targetId=${memberId}`, tokens.admin!)).json();
    expect(audit.total).toBe(2);
    expect(audit.items.map((e: { actorName: string; after: { reason: string } }) => [e.actorName, e.after.reason])).toEqual([
      ['风控专员·王珂', '疑似盗卡排查'],
      ['合规官·李然', '客户投诉核实身份'],
    ]);
  });
});

describe('managing operators', () => {
  it('creates, changes roles and disables operators, each change audited with before and after', async () => {
    const created = await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/operators',
      token: tokens.admin,
      body: { username: 'newbie', displayName: '新同事', password: 'Welcome2026', roles: ['customer_service'] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().permissions).toEqual(['members.read', 'sms.read', 'community.moderate']);
    const dup = await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/operators',
      token: tokens.admin,
      body: { username: 'newbie', displayName: 'x', password: 'Welcome2026', roles: ['growth'] },
    });
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
    const newbie = await operatorLogin(sys.app, 'newbie', 'Welcome2026');
    expect((await get('/audit-log', newbie)).statusCode).toBe(403);

    const promoted = await call(sys.app, {
      method: 'PATCH',
      url: `/api/v1/console/operators/${id}`,
      token: tokens.admin,
      body: { roles: ['compliance'] },
    });
    expect(promoted.json().roles).toEqual(['compliance']);
    // Roles are read on every request: the promotion applies to the open session at once.
    expect((await get('/audit-log', newbie)).statusCode).toBe(200);

    expect(
      (await call(sys.app, { method: 'PATCH', url: `/api/v1/console/operators/${id}`, token: tokens.admin, body: { disabled: true } }))
        .statusCode,
    ).toBe(200);
    expect((await get('/members', newbie)).statusCode).toBe(401);
    const refused = await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/auth/login',
      body: { username: 'newbie', password: 'Welcome2026' },
    });
    expect(refused.json().error.code).toBe('OPERATOR_DISABLED');

    const trail = (await get(`/audit-log?action=operator.&targetId=${id}`, tokens.admin!))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['operator.created', 'operator.updated', 'operator.disabled']));
    const update = (await get(`/audit-log?action=operator.updated&targetId=${id}`, tokens.admin!)).json().items[0];
    expect(update.before.roles).toEqual(['customer_service']);
    expect(update.after.roles).toEqual(['compliance']);
  });

  it('never loses the last administrator', async () => {
    const admins = (await get('/operators', tokens.admin!)).json().items.filter((o: { roles: string[] }) => o.roles.includes('admin'));
    expect(admins).toHaveLength(1);
    const res = await call(sys.app, {
      method: 'PATCH',
      url: `/api/v1/console/operators/${admins[0].id}`,
      token: tokens.admin,
      body: { roles: ['growth'] },
    });
    expect(res.statusCode).toBe(403);
    expect((await get('/operators', tokens.admin!)).statusCode).toBe(200);
  });

  it('locks an operator after five wrong passwords', async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        (await call(sys.app, { method: 'POST', url: '/api/v1/console/auth/login', body: { username: 'finance', password: 'nope' } }))
          .statusCode,
      ).toBe(401);
    }
    expect(
      (await call(sys.app, { method: 'POST', url: '/api/v1/console/auth/login', body: { username: 'finance', password: 'nope' } }))
        .statusCode,
    ).toBe(423);
    expect(
      (await call(sys.app, { method: 'POST', url: '/api/v1/console/auth/login', body: { username: 'finance', password: 'Quanzi2026' } }))
        .statusCode,
    ).toBe(423);
  });
});
