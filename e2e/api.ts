import crypto from 'node:crypto';
import { clientAddress } from './browser';
import { inject } from 'vitest';

/** Reads the newest SMS code sent to a phone from the console's sandbox outbox, as an operator would. */
export async function latestSmsCode(phone: string): Promise<string> {
  const base = inject('baseUrl');
  const login = await fetch(`${base}/api/v1/console/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': clientAddress() },
    body: JSON.stringify({ username: 'service', password: 'Quanzi2026' }),
  });
  const { token } = (await login.json()) as { token: string };
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await fetch(`${base}/api/v1/console/sms-outbox?phone=${phone}`, { headers: { authorization: `Bearer ${token}` } });
    const { items } = (await res.json()) as { items: Array<{ content: string }> };
    const code = /(\d{6})/.exec(items[0]?.content ?? '')?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS code for ${phone}`);
}

let counter = 0;
export const uniquePhone = () => `136${String(Date.now() % 1e6).padStart(6, '0')}${String(counter++ % 100).padStart(2, '0')}`;

/** A Luhn-valid ICBC debit card number, unique per call. */
export function testCard(): string {
  const body = `622202${String(Date.now()).slice(-10)}${String(counter++ % 100).padStart(2, '0')}`;
  for (let d = 0; d < 10; d++) {
    const n = body + d;
    let sum = 0;
    for (let i = 0; i < n.length; i++) {
      let x = Number(n[n.length - 1 - i]);
      if (i % 2) {
        x *= 2;
        if (x > 9) x -= 9;
      }
      sum += x;
    }
    if (sum % 10 === 0 && !n.endsWith('4444')) return n;
  }
  throw new Error('unreachable');
}

/** Test files share one server but not this module's counters: random dates keep their IDs apart. */
function randomBirthDate(): string {
  const day = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 30 * 365) * 86_400_000);
  return day.toISOString().slice(0, 10).replaceAll('-', '');
}

/** A valid adult resident ID (GB 11643 check digit) born on the given date. */
export function testIdNumber(birth = randomBirthDate(), seq = String(100 + Math.floor(Math.random() * 900))): string {
  const first17 = `110105${birth}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A member who went through registration, real name and card binding over the public API. */
export async function onboardedMember() {
  const base = inject('baseUrl');
  // Its own address, as a browser in these tests has: the per-address SMS limit counts every file's members otherwise.
  const address = clientAddress();
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: base,
        'x-forwarded-for': address,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const data = res.status === 204 ? undefined : await res.json();
    if (!res.ok) throw new Error(`${path}: ${JSON.stringify(data)}`);
    return data;
  };
  const phone = uniquePhone();
  await post('/auth/sms-codes', { phone, purpose: 'register' });
  const { token, member } = await post('/auth/register', {
    phone,
    code: await latestSmsCode(phone),
    password: 'Welcome2026',
    agreementVersion: '2026-11',
  });
  await post('/me/real-name', { name: '赵敏', idNumber: testIdNumber() }, token);
  const reserved = uniquePhone();
  await post('/auth/sms-codes', { phone: reserved, purpose: 'bind_card' }, token);
  await post('/me/bank-cards', { cardNumber: testCard(), reservedPhone: reserved, code: await latestSmsCode(reserved) }, token);
  return { phone, memberId: member.id as string };
}

/**
 * A JSON client for the API from its own client address (per-address limits are shared by the
 * whole suite otherwise): `key` sends a fresh Idempotency-Key; a non-2xx answer throws.
 */
export function addressedApi() {
  const address = clientAddress();
  return async function api<T = any>(
    path: string,
    options: { method?: string; token?: string; body?: unknown; key?: boolean } = {},
  ): Promise<T> {
    const base = inject('baseUrl');
    const res = await fetch(`${base}${path}`, {
      method: options.method ?? 'GET',
      headers: {
        origin: base,
        'x-forwarded-for': address,
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.key ? { 'idempotency-key': crypto.randomUUID() } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const data = res.status === 204 ? undefined : await res.json().catch(() => undefined);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(data)}`);
    return data as T;
  };
}
