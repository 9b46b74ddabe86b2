import { describe, expect, it } from 'vitest';
import { operatorLogin, useDemoSystem } from '../../test/flows.js';
import { call } from '../../test/harness.js';
import { permissionsOf } from '../modules/operators/permissions.js';

/**
 * Authentication before validation (issue 12 item 3): a caller who may not call a route learns
 * nothing about its schema. For every declared member and console route, a request with a bad path
 * parameter, an unknown query field and a body of the wrong shape answers 401 to an anonymous caller
 * (and to a member's token on a console route) and 403 to an operator without the permission —
 * never 400 VALIDATION_FAILED with field details.
 */
const env = useDemoSystem({ config: { globalRateLimit: 1_000_000 } });

const hostile = (method: string, url: string) => ({
  method: method as 'GET',
  url: `${url.replace(/:[A-Za-z]+/g, 'not-an-id')}?zzz=1&page=-1`,
  ...(method === 'GET' || method === 'DELETE' ? {} : { body: { zzz: ['wrong', { shape: true }] } }),
  headers: { 'idempotency-key': 'x' },
});

describe('authentication and authorisation come before validation', () => {
  const routes = () => env.sys.app.accessTable.filter((e) => e.method !== 'HEAD' && e.method !== 'OPTIONS');

  it('answers 401 to anonymous callers of every member and console route, whatever the input', async () => {
    const guarded = routes().filter((e) => e.access === 'member' || e.access === 'operator' || typeof e.access === 'object');
    const partner = guarded.filter((e) => typeof e.access === 'object' && 'partner' in e.access);
    const checked = guarded.filter((e) => !partner.includes(e));
    expect(checked.length).toBeGreaterThan(150);
    const wrong: string[] = [];
    for (const e of checked) {
      const res = await call(env.sys.app, hostile(e.method, e.url));
      if (res.statusCode !== 401 || res.json().error?.code !== 'UNAUTHENTICATED')
        wrong.push(`${e.method} ${e.url} → ${res.statusCode} ${res.body.slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to a member token on console routes and 403 to an operator without the permission', async () => {
    const login = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { phone: '13800000001', password: 'Quanzi2026' },
    });
    const member = { token: login.json().token as string };
    const service = await operatorLogin(env.sys.app, 'service');
    const servicePerms = permissionsOf(['customer_service']);
    const consoleRoutes = routes().filter((e) => e.access === 'operator' || (typeof e.access === 'object' && 'operator' in e.access));
    const forbidden = consoleRoutes.filter(
      (e) => typeof e.access === 'object' && 'operator' in e.access && !servicePerms.has(e.access.operator),
    );
    expect(forbidden.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const e of consoleRoutes) {
      const res = await call(env.sys.app, { ...hostile(e.method, e.url), token: member.token });
      if (res.statusCode !== 401) wrong.push(`member token: ${e.method} ${e.url} → ${res.statusCode}`);
    }
    for (const e of forbidden) {
      const res = await call(env.sys.app, { ...hostile(e.method, e.url), token: service });
      if (res.statusCode !== 403 || res.json().error?.code !== 'FORBIDDEN')
        wrong.push(`service: ${e.method} ${e.url} → ${res.statusCode} ${res.body.slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
  });
});
