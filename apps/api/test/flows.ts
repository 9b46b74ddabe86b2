import { AGREEMENT_VERSION } from '@quanzi/contracts';
import { afterAll, beforeAll, expect } from 'vitest';
import type { HttpApp } from '../src/platform/http/types.js';
import { call, createTestSystem, type TestSystem, type TestSystemOptions } from './harness.js';

export const PASSWORD = 'Secret2026';

/** Reads the newest code sent to a phone from the sandbox outbox, as a member reads their SMS. */
export async function lastCode(app: HttpApp, operatorToken: string, phone: string): Promise<string> {
  const res = await call(app, { url: `/api/v1/console/sms-outbox?phone=${phone}`, token: operatorToken });
  expect(res.statusCode).toBe(200);
  const content: string = res.json().items[0]?.content ?? '';
  const match = /(\d{6})/.exec(content);
  if (!match) throw new Error(`no code sent to ${phone}`);
  return match[1]!;
}

export async function operatorLogin(app: HttpApp, username = 'admin', password = 'Quanzi2026'): Promise<string> {
  const res = await call(app, { method: 'POST', url: '/api/v1/console/auth/login', body: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token;
}

/** Registers a new member through the public API and returns their session token and id. */
export async function registerMember(app: HttpApp, adminToken: string, phone: string, extra: Record<string, unknown> = {}) {
  const sent = await call(app, { method: 'POST', url: '/api/v1/auth/sms-codes', body: { phone, purpose: 'register' } });
  expect(sent.statusCode, sent.body).toBe(202);
  const code = await lastCode(app, adminToken, phone);
  const res = await call(app, {
    method: 'POST',
    url: '/api/v1/auth/register',
    body: { phone, code, password: PASSWORD, agreementVersion: AGREEMENT_VERSION, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { token: res.json().token as string, memberId: res.json().member.id as string };
}

let seq = 0;
/** Unique phones per test run so parallel files never collide. */
export const freshPhone = (): string => `139${String(process.pid % 10000).padStart(4, '0')}${String(seq++).padStart(4, '0')}`;

/**
 * One demo system per test file with an administrator's token, set up before the file's tests and
 * closed after them. Read `env.sys` and `env.admin` inside tests.
 */
export function useDemoSystem(options: TestSystemOptions = {}): { sys: TestSystem; admin: string } {
  const env = {} as { sys: TestSystem; admin: string };
  beforeAll(async () => {
    env.sys = await createTestSystem({ demo: true, ...options });
    env.admin = await operatorLogin(env.sys.app);
  });
  afterAll(() => env.sys?.close());
  return env;
}
