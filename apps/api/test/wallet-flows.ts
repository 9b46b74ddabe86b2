import crypto from 'node:crypto';
import { idCheckDigit } from '@quanzi/contracts';
import { expect } from 'vitest';
import { DEMO_MEMBERS, DEMO_PAYMENT_PASSWORD } from '../src/app/demo-seed.js';
import { call, type TestSystem } from './harness.js';

export const PAYMENT_PASSWORD = DEMO_PAYMENT_PASSWORD;
let seq = 0;

/**
 * Members who verified their real name, bound a card and set a payment password, created through
 * the identity module's seeding (precomputed hashes) and logged in over the API: wallet tests need
 * dozens of them and the onboarding flow has its own tests.
 */
export async function verifiedMembers(sys: TestSystem, count: number) {
  const members = verifiedMemberSeeds(count);
  await sys.modules.identity.seedDemo(members);
  return Promise.all(
    members.map(async (m) => {
      const res = await call(sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone: m.phone, password: 'Quanzi2026' } });
      expect(res.statusCode, res.body).toBe(200);
      const { token, member } = res.json();
      return { token: token as string, memberId: member.id as string, cardId: member.bankCards[0].id as string, phone: m.phone };
    }),
  );
}

/** The seeds behind `verifiedMembers` (password Quanzi2026, the demo payment password), for `identity.seedDemo`. */
export function verifiedMemberSeeds(count: number) {
  const base = `${process.pid % 1000}`.padStart(3, '0');
  return Array.from({ length: count }, () => {
    const n = String(seq++).padStart(4, '0');
    const first17 = `3101011990${base.slice(0, 2)}${n.slice(0, 2)}${base.slice(2)}${n.slice(2)}`.slice(0, 17);
    return {
      phone: `137${base}${n}0`.slice(0, 11),
      nickname: `钱包测试${n}`,
      passwordHash: DEMO_MEMBERS[0]!.passwordHash,
      paymentPasswordHash: DEMO_MEMBERS[0]!.paymentPasswordHash!,
      realName: { name: '测试用户', idNumber: first17 + idCheckDigit(first17) },
      card: { number: `62220202${base}${n}${crypto.randomInt(1000, 9999)}`.slice(0, 19), reservedPhone: `137${base}${n}0`.slice(0, 11) },
    };
  });
}

/** A fresh session (tests that move the clock months ahead outlive the first one). */
export async function relogin(sys: TestSystem, member: { phone: string; token: string }): Promise<void> {
  const res = await call(sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone: member.phone, password: 'Quanzi2026' } });
  expect(res.statusCode, res.body).toBe(200);
  member.token = res.json().token;
}

/** Waits until `check` stops throwing (callbacks arrive asynchronously over HTTP). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface HttpCall {
  method?: string;
  path: string;
  token?: string;
  body?: unknown;
  key?: string | null;
}

/** A real HTTP request to a listening test system, as the member app or console would send it. */
export async function http(sys: TestSystem, { method = 'GET', path, token, body, key }: HttpCall) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key !== undefined && key !== null) headers['idempotency-key'] = key;
  const res = await fetch(`${sys.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export const newKey = () => crypto.randomUUID();

/** Runs `tasks` with at most `width` in flight. */
export async function inFlight<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

/**
 * Opens a top-up's pay URL as the member's browser would: Alipay's wap/page pay is the SDK's signed
 * redirect to the gateway, which creates the trade and sends the buyer on to its cashier. Returns the
 * sandbox's trade number (from the cashier's address).
 */
export async function openCashier(sys: TestSystem, payUrl: string): Promise<string> {
  const url = new URL(payUrl);
  const res = await sys.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
  const tradeNo = String(res.headers.location ?? '').split('/sandbox/pay/')[1];
  if (res.statusCode !== 302 || !tradeNo) throw new Error(`the pay URL did not open the cashier: ${res.statusCode} ${res.body}`);
  return tradeNo;
}

/** The member pays a top-up on the sandbox cashier (the signed callback then credits the wallet). */
export async function payTopUp(sys: TestSystem, payUrl: string): Promise<string> {
  const tradeNo = await openCashier(sys, payUrl);
  await sys.modules.sandboxGateway.payNow(tradeNo);
  return tradeNo;
}
