import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifySignContent, rsa2Sign } from '../../sandbox-gateway/alipay-sign.js';
import { call, createTestSystem, ORIGIN, type TestSystem } from '../../../test/harness.js';
import { freshPhone, operatorLogin, PASSWORD, registerMember } from '../../../test/flows.js';
import { hasUnstorableText } from './text-guard.js';

/** A notification signed as Alipay signs one (everything but sign and sign_type). */
const signParams = (params: Record<string, string>, key: string) => rsa2Sign(notifySignContent(params), key);

/**
 * Issue 12 item 5: a fuzz of every OpenAPI operation (plus the hidden gateway routes) with hostile
 * text, numbers and shapes, anonymously and as a signed-in member and operator. Nothing may answer
 * 5xx; NUL and unpaired surrogates are refused before they reach PostgreSQL.
 */

type Schema = Record<string, any>;
interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: string[];
  query: Record<string, Schema>;
  body: Schema | null;
  json: boolean;
}

let sys: TestSystem;
let admin: string;
let member: { token: string; memberId: string; phone: string };
let doc: Schema;

beforeAll(async () => {
  sys = await createTestSystem({ demo: true, config: { globalRateLimit: 10_000_000 } });
  admin = await operatorLogin(sys.app);
  const phone = freshPhone();
  member = { ...(await registerMember(sys.app, admin, phone)), phone };
  doc = (await call(sys.app, { url: '/api/openapi.json' })).json();
});
afterAll(() => sys?.close());

const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udfff';

/** Hostile JSON values, as raw JSON text (1e309 cannot be produced by JSON.stringify). */
const HOSTILE_JSON: { name: string; raw: string; unstorable?: boolean }[] = [
  { name: 'nul', raw: JSON.stringify(NUL), unstorable: true },
  { name: 'nul-inside', raw: JSON.stringify(`abc${NUL}def`), unstorable: true },
  { name: 'lone-high-surrogate', raw: '"\\ud800"', unstorable: true },
  { name: 'lone-low-surrogate', raw: '"x\\udfffy"', unstorable: true },
  { name: 'huge-number', raw: '1e309' },
  { name: 'negative-huge', raw: '-1e309' },
  { name: 'big-integer-text', raw: JSON.stringify('9'.repeat(400)) },
  { name: 'number-for-string', raw: '12345' },
  { name: 'bool', raw: 'true' },
  { name: 'overlong', raw: JSON.stringify('长'.repeat(20_000)) },
  { name: 'array', raw: '["a","b"]' },
  { name: 'object', raw: '{"a":{"b":1}}' },
  { name: 'null', raw: 'null' },
];

/** Hostile path segments, already percent-encoded as they travel. */
const HOSTILE_SEGMENTS: { name: string; raw: string; unstorable?: boolean }[] = [
  { name: 'nul', raw: '%00', unstorable: true },
  { name: 'nul-inside', raw: 'abc%00def', unstorable: true },
  { name: 'bad-utf8-surrogate', raw: '%ED%A0%80' },
  { name: 'truncated-utf8', raw: '%F0%9F' },
  { name: 'huge-number', raw: '1e309' },
  { name: 'negative', raw: '-1' },
  { name: 'overlong', raw: 'x'.repeat(3000) },
  { name: 'traversal', raw: '..%2F..%2Fetc' },
];

/** Hostile query values, percent-encoded. */
const HOSTILE_QUERY: { name: string; raw: (key: string) => string; unstorable?: boolean }[] = [
  { name: 'nul', raw: (k) => `${k}=%00`, unstorable: true },
  { name: 'nul-key', raw: (k) => `${k}%00=1`, unstorable: true },
  { name: 'bad-utf8', raw: (k) => `${k}=%ED%A0%80` },
  { name: 'huge-number', raw: (k) => `${k}=1e309` },
  { name: 'overlong', raw: (k) => `${k}=${'x'.repeat(3000)}` },
  { name: 'array', raw: (k) => `${k}=a&${k}=b` },
  { name: 'negative', raw: (k) => `${k}=-99999999999999999999` },
];

function resolve(schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const name = s.$ref.split('/').pop()!;
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

/** A value that plausibly passes the schema, so that one hostile field at a time reaches deeper code. */
function sample(input: Schema | undefined, depth = 0): unknown {
  const s = resolve(input);
  if (depth > 6) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  const variants = s.anyOf ?? s.oneOf;
  if (Array.isArray(variants) && variants.length)
    return sample(variants.find((v: Schema) => resolve(v).type !== 'null') ?? variants[0], depth + 1);
  if (Array.isArray(s.allOf) && s.allOf.length) return sample(s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date-time') return '2026-11-24T02:00:00.000Z';
      if (s.format === 'date') return '2026-11-24';
      if (s.format === 'email') return 'fuzz@example.com';
      if (s.format === 'uri') return 'https://example.com/a';
      if (typeof s.pattern === 'string' && /\\d|\[0-9\]/.test(s.pattern)) return '1'.repeat(Math.max(1, s.minLength ?? 1));
      return 'a'.repeat(Math.max(1, Math.min(s.minLength ?? 1, 64)));
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries<Schema>(s.properties ?? {})) out[key] = sample(prop, depth + 1);
      return out;
    }
    default:
      return 'a';
  }
}

/** Top-level body keys, across the variants of a union body. */
function bodyKeys(body: Schema): string[] {
  const s = resolve(body);
  const keys = new Set(Object.keys(s.properties ?? {}));
  for (const v of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) for (const k of Object.keys(resolve(v).properties ?? {})) keys.add(k);
  return [...keys];
}

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: Schema[] = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema as Schema | undefined;
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}])),
        body: json ?? null,
        json: Boolean(json) || Object.keys(content).length === 0,
      });
    }
  }
  return ops;
}

/** The gateway's own pages and the payment callback are hidden from the document; they are fuzzed too. */
const HIDDEN: Operation[] = [
  ['GET', '/sandbox/alipay/gateway.do'],
  ['POST', '/sandbox/alipay/gateway.do'],
  ['GET', '/sandbox/alipay/bills/download'],
  ['GET', '/sandbox/pay/{tradeNo}'],
  ['POST', '/sandbox/payments/{tradeNo}/pay'],
  ['POST', '/sandbox/payments/{tradeNo}/fail'],
  ['GET', '/sandbox/payouts/{orderId}'],
  ['POST', '/sandbox/payouts/{orderId}/succeed'],
  ['POST', '/sandbox/payouts/{orderId}/fail'],
].map(([method, path]) => ({
  method: method as Operation['method'],
  path: path!,
  pathParams: [...path!.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  query: {},
  body: null,
  json: true,
}));

interface Probe {
  op: Operation;
  label: string;
  url: string;
  payload?: string;
  unstorable: boolean;
}

function buildUrl(op: Operation, segments: Record<string, string>, query: string): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => segments[name] ?? randomUUID());
  return query ? `${path}?${query}` : path;
}

function probes(op: Operation): Probe[] {
  const out: Probe[] = [];
  const baseQuery = Object.entries(op.query)
    .map(([k, s]) => {
      const v = sample(s);
      return v === undefined || v === null || typeof v === 'object' ? null : `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`;
    })
    .filter(Boolean)
    .join('&');
  const baseBody = op.body ? sample(op.body) : undefined;
  const basePayload = baseBody === undefined ? undefined : JSON.stringify(baseBody);
  const base = { op, payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : basePayload };

  for (const name of op.pathParams) {
    for (const h of HOSTILE_SEGMENTS) {
      out.push({
        ...base,
        label: `path ${name}=${h.name}`,
        url: buildUrl(op, { [name]: h.raw }, baseQuery),
        unstorable: Boolean(h.unstorable),
      });
    }
  }
  for (const key of Object.keys(op.query).slice(0, 8)) {
    const others = baseQuery
      .split('&')
      .filter((pair) => pair && !pair.startsWith(`${encodeURIComponent(key)}=`))
      .join('&');
    for (const h of HOSTILE_QUERY) {
      const query = [others, h.raw(encodeURIComponent(key))].filter(Boolean).join('&');
      out.push({ ...base, label: `query ${key}=${h.name}`, url: buildUrl(op, {}, query), unstorable: Boolean(h.unstorable) });
    }
  }
  if (op.method !== 'GET' && op.method !== 'DELETE' && op.json) {
    const url = buildUrl(op, {}, baseQuery);
    const keys = op.body ? bodyKeys(op.body).slice(0, 12) : [];
    const objectBase = baseBody && typeof baseBody === 'object' && !Array.isArray(baseBody) ? (baseBody as Record<string, unknown>) : {};
    for (const key of keys) {
      for (const h of HOSTILE_JSON) {
        const rest = JSON.stringify({ ...objectBase, [key]: undefined }).slice(1, -1);
        const payload = `{${rest}${rest ? ',' : ''}${JSON.stringify(key)}:${h.raw}}`;
        out.push({ op, label: `body ${key}=${h.name}`, url, payload, unstorable: Boolean(h.unstorable) });
      }
    }
    // Whole-body shapes, and hostile keys.
    for (const [label, payload, unstorable] of [
      ['body nul-key', `{${JSON.stringify(NUL)}:1}`, true],
      ['body surrogate-key', '{"\\udc00":1}', true],
      ['body array', '[]', false],
      ['body string-nul', JSON.stringify(NUL), true],
      ['body nested-nul', JSON.stringify({ a: [{ b: [NUL] }] }), true],
      ['body huge', '1e309', false],
    ] as const) {
      out.push({ op, label, url, payload, unstorable });
    }
  }
  if (out.length === 0) out.push({ ...base, label: 'plain', url: buildUrl(op, {}, baseQuery), unstorable: false });
  return out;
}

interface Failure {
  who: string;
  method: string;
  url: string;
  label: string;
  status: number;
  body: string;
}

async function fire(who: string, probe: Probe, token: string | undefined): Promise<{ failure?: Failure; status: number }> {
  const res = await sys.app.inject({
    method: probe.op.method,
    url: probe.url,
    headers: {
      origin: ORIGIN,
      'accept-language': 'en',
      'idempotency-key': randomUUID(),
      ...(probe.payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`,
  });
  const bad = res.statusCode >= 500 || (probe.unstorable && res.statusCode < 400);
  return {
    status: res.statusCode,
    ...(bad
      ? {
          failure: {
            who,
            method: probe.op.method,
            url: probe.url.slice(0, 200),
            label: probe.label,
            status: res.statusCode,
            body: res.body.slice(0, 300),
          },
        }
      : {}),
  };
}

/** Runs probes a few at a time: fast, but without starving the database pool. */
async function run(who: string, list: Probe[], token: () => string | undefined, onUnauthenticated?: () => Promise<void>) {
  const failures: Failure[] = [];
  let next = 0;
  let lost = false;
  const worker = async () => {
    while (next < list.length) {
      const probe = list[next++]!;
      const { failure, status } = await fire(who, probe, token());
      if (failure) failures.push(failure);
      if (status === 401 && onUnauthenticated) lost = true;
      if (lost && onUnauthenticated) {
        lost = false;
        await onUnauthenticated();
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return failures;
}

describe('hostile input never answers 5xx (issue 12 item 5)', () => {
  it('the text guard finds NUL and unpaired surrogates anywhere, keys included, and lets the rest through', () => {
    expect(hasUnstorableText({ a: ['x', { b: `y${NUL}` }] })).toBe(true);
    expect(hasUnstorableText({ [NUL]: 1 })).toBe(true);
    expect(hasUnstorableText([LONE_HIGH])).toBe(true);
    expect(hasUnstorableText(`a${LONE_LOW}`)).toBe(true);
    expect(hasUnstorableText(`${LONE_LOW}${LONE_HIGH}`)).toBe(true);
    expect(hasUnstorableText({ emoji: '圈子 😀 \ud83d\ude00', n: 1, t: true, z: null, buf: Buffer.from([0]) })).toBe(false);
    let deep: unknown = 'ok';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(hasUnstorableText(deep)).toBe(false);
  });

  it('the reported cases: NUL to console login, %00 on gateway paths, the NUL callback — 400 INVALID_CHARACTERS', async () => {
    const loginRes = await call(sys.app, { method: 'POST', url: '/api/v1/console/auth/login', body: { username: NUL, password: NUL } });
    expect(loginRes.statusCode).toBe(400);
    expect(loginRes.json().error.code).toBe('INVALID_CHARACTERS');
    expect(loginRes.json().error.message).toContain('无法保存的字符');
    const surrogate = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{"phone":"13800000001","password":"\\ud800"}',
    });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().error).toMatchObject({ code: 'INVALID_CHARACTERS', message: expect.stringContaining('cannot be stored') });
    for (const [method, url] of [
      ['GET', '/sandbox/alipay/gateway.do?method=%00'],
      ['GET', '/sandbox/pay/%00'],
      ['POST', '/sandbox/payments/%00/pay'],
      ['POST', '/sandbox/payments/%00/fail'],
      ['GET', '/sandbox/payouts/%00'],
      ['POST', '/sandbox/payouts/%00/succeed'],
      ['POST', '/sandbox/payouts/%00/fail'],
      ['GET', '/api/v1/console/members?q=%00'],
    ] as const) {
      const res = await call(sys.app, { method, url, token: admin });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().error.code).toBe('INVALID_CHARACTERS');
    }
    const callback = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/payments/callbacks/alipay',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'out_trade_no=%00&total_amount=1e309',
    });
    expect(callback.statusCode).toBe(400);
    // An anonymous caller still learns nothing before authentication.
    const anonymous = await call(sys.app, { method: 'POST', url: '/api/v1/investments', body: { productId: NUL } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('a callback with a non-finite amount is refused or held, never credited, never a 500', async () => {
    const unsigned = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/payments/callbacks/alipay',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'out_trade_no=T1&total_amount=1e309&notify_type=trade_status_sync',
    });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.body).toBe('fail');
    // Signed by the gateway, for an order that does not exist: acknowledged, nothing moves.
    const gatewayKey = (await sql<{ private_key: string }>`SELECT private_key FROM sandbox_keys LIMIT 1`.execute(sys.platform.db)).rows[0];
    if (gatewayKey) {
      for (const amount of ['1e309', 'Infinity', 'NaN', '-0.01', '9'.repeat(40)]) {
        const params = {
          notify_id: `fuzz-${randomUUID()}`,
          notify_type: 'trade_status_sync',
          app_id: 'quanzi-sandbox',
          out_trade_no: randomUUID(),
          trade_no: 'T-fuzz',
          trade_status: 'TRADE_SUCCESS',
          total_amount: amount,
          sign_type: 'RSA2',
        };
        const res = await sys.app.inject({
          method: 'POST',
          url: '/api/v1/payments/callbacks/alipay',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ ...params, sign: signParams(params, gatewayKey.private_key) }).toString(),
        });
        expect(res.statusCode, amount).toBeLessThan(500);
      }
    }
    expect(await sys.modules.ledger.verify()).toMatchObject({ ok: true });
  });

  it('every operation, anonymously and signed in, answers 4xx or better to hostile input', { timeout: 120_000 }, async () => {
    const ops = [...operations(), ...HIDDEN];
    expect(ops.length).toBeGreaterThan(100);
    const all = ops.flatMap(probes);
    const consoleProbes = all.filter((p) => p.op.path.startsWith('/api/v1/console/'));
    const memberProbes = all.filter((p) => p.op.path.startsWith('/api/v1/') && !p.op.path.startsWith('/api/v1/console/'));
    let memberToken = member.token;
    let adminToken = admin;
    const started = Date.now();
    const failures = [
      ...(await run('anonymous', all, () => undefined)),
      ...(await run(
        'member',
        memberProbes,
        () => memberToken,
        async () => {
          const res = await call(sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone: member.phone, password: PASSWORD } });
          if (res.statusCode === 200) memberToken = res.json().token;
        },
      )),
      ...(await run(
        'operator',
        consoleProbes,
        () => adminToken,
        async () => {
          const res = await call(sys.app, {
            method: 'POST',
            url: '/api/v1/console/auth/login',
            body: { username: 'admin', password: 'Quanzi2026' },
          });
          if (res.statusCode === 200) adminToken = res.json().token;
        },
      )),
    ];
    console.info(
      `hostile input: ${ops.length} operations, ${all.length + memberProbes.length + consoleProbes.length} requests in ${Date.now() - started} ms`,
    );
    expect(failures).toEqual([]);
  });
});
