import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { ManualClock } from '../platform/clock.js';
import { installErrorHandling } from '../platform/http/error-handler.js';
import { installSecurityHeaders } from '../platform/http/security-headers.js';
import { AlipaySdk } from 'alipay-sdk';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { generateRsaKeyPair, requestSignContent, rsa2Sign, type Params } from './alipay-sign.js';
import { retryDelayMs } from './delivery.js';
import { createSandboxGateway, type SandboxGateway } from './index.js';

const APP_ID = '2026000000000001';
const logger = pino({ level: 'silent' });
const merchant = generateRsaKeyPair();

// ── the merchant's notify_url: a plain HTTP server that records every callback ──────────────────

interface Received {
  path: string;
  contentType: string;
  params: Params;
}
const received: Received[] = [];
/** What the merchant answers to its nth callback (1-based); `success` acknowledges. */
let answer: (nth: number) => { status: number; body: string } = () => ({ status: 200, body: 'success' });
const receiver = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    received.push({
      path: req.url ?? '',
      contentType: req.headers['content-type'] ?? '',
      params: Object.fromEntries(new URLSearchParams(body)),
    });
    const { status, body: reply } = answer(received.length);
    res.writeHead(status, { 'content-type': 'text/plain' }).end(reply);
  });
});
let notifyUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

// ── a fresh database, gateway and server per test, mounted like the host mounts it ──────────────

let database: TestDatabase;
let clock: ManualClock;
let gateway: SandboxGateway;
let app: FastifyInstance;
let base = '';
let gatewayKey = '';
const extraGateways: SandboxGateway[] = [];

async function serve(g: SandboxGateway): Promise<FastifyInstance> {
  // The host's setup: zod compilers, JSON error handling, security headers. The plugin must not need any of it.
  const server = Fastify().withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  installErrorHandling(server);
  installSecurityHeaders(server, { https: false });
  await server.register(g.routes, { prefix: '/sandbox' });
  await server.listen({ host: '127.0.0.1', port: 0 });
  return server as unknown as FastifyInstance;
}

beforeEach(async () => {
  database = await createTestDatabase();
  clock = new ManualClock(new Date('2026-11-24T02:00:00Z')); // 10:00 in Shanghai
  gateway = createSandboxGateway({ db: database.db, clock, logger });
  await gateway.registerMerchant(APP_ID, merchant.publicKey);
  gatewayKey = await gateway.publicKey();
  app = await serve(gateway);
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  received.length = 0;
  answer = () => ({ status: 200, body: 'success' });
});
afterEach(async () => {
  await gateway.stopDelivery();
  for (const g of extraGateways.splice(0)) await g.stopDelivery();
  await app.close();
  await database.drop();
});

// ── the merchant's side of the API: the official alipay-sdk, unpatched ─────────────────────────

const sdkFor = (privateKey = merchant.privateKey, appId = APP_ID) =>
  new AlipaySdk({
    appId,
    privateKey,
    keyType: 'PKCS8',
    alipayPublicKey: gatewayKey,
    gateway: `${base}/sandbox/alipay/gateway.do`,
    camelcase: false,
  });
let sdk: AlipaySdk;
beforeEach(() => {
  sdk = sdkFor();
});

/** A server-to-server call through the SDK, with the SDK checking the gateway's response signature. */
const call = async (method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}) =>
  (await sdk.exec(`alipay.${method}`, { bizContent: biz, ...extra }, { validateSign: true })) as Record<string, string>;
/** The SDK's notification check, as a merchant runs it on every callback. */
const verifies = (params: Params) => sdk.checkNotifySignV2(params);

let seq = 0;
const orderNo = () => `QZ${Date.now()}${seq++}`;

/** Page pay as the SDK builds it (GET redirect); the browser lands on the cashier of the new trade. */
async function openPagePay(biz: Record<string, unknown>, extra: Record<string, string> = { notifyUrl }, client = sdk) {
  const url = client.pageExecute('alipay.trade.page.pay', 'GET', {
    bizContent: { productCode: 'FAST_INSTANT_TRADE_PAY', ...biz },
    ...extra,
  });
  return fetch(url, { redirect: 'manual' });
}

async function createTrade(overrides: Record<string, string> = {}, extra: Record<string, string> = { notifyUrl }) {
  const outTradeNo = overrides.out_trade_no ?? orderNo();
  const res = await openPagePay({ out_trade_no: outTradeNo, total_amount: '100.10', subject: '圈子会员充值', ...overrides }, extra);
  expect(res.status, await res.clone().text()).toBe(302);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(/^\/sandbox\/pay\/\d+$/);
  return { outTradeNo, tradeNo: location.split('/sandbox/pay/')[1]! };
}

/** A hand-made request for what the SDK would never send (tampering, wrong keys). */
async function rawPost(params: Params): Promise<Record<string, string>> {
  const res = await fetch(`${base}/sandbox/alipay/gateway.do`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });
  expect(res.status).toBe(200);
  const json = JSON.parse(await res.text()) as Record<string, Record<string, string>>;
  return json[`${params.method!.replaceAll('.', '_')}_response`] ?? json.error_response!;
}
function signedRequest(method: string, biz: unknown, extra: Params = {}, key = merchant.privateKey): Params {
  const params: Params = {
    app_id: APP_ID,
    method,
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: '2026-11-24 10:00:00',
    version: '1.0',
    biz_content: JSON.stringify(biz),
    ...extra,
  };
  return { ...params, sign: rsa2Sign(requestSignContent(params), key) };
}

const testEndpoint = (path: string) =>
  fetch(`${base}/sandbox${path}`, { method: 'POST' }).then(async (r) => ({ status: r.status, body: await r.json() }));

const countNotifications = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM sandbox_notifications`.execute(database.db)).rows[0]!.n);

describe('Alipay OpenAPI through the official alipay-sdk', () => {
  it('page pay: the SDK redirect opens the cashier of a new trade; query, pay, query again', async () => {
    const { outTradeNo, tradeNo } = await createTrade();
    expect(tradeNo).toMatch(/^2026112422\d{18}$/);
    // The SDK's POST form reaches the same trade (out_trade_no is the merchant's key).
    const form = sdk.pageExecute('alipay.trade.page.pay', 'POST', {
      bizContent: { out_trade_no: outTradeNo, total_amount: '100.10', subject: '圈子会员充值', product_code: 'FAST_INSTANT_TRADE_PAY' },
      notifyUrl,
    });
    const action = /action="([^"]+)"/.exec(form)![1]!.replaceAll('&amp;', '&');
    const fields = Object.fromEntries(
      [...form.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replaceAll('&quot;', '"')]),
    );
    const posted = await fetch(action, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
    expect(posted.status).toBe(302);
    expect(posted.headers.get('location')).toBe(`/sandbox/pay/${tradeNo}`);
    // Another amount under the same out_trade_no is refused on an error page.
    const conflict = await openPagePay({ out_trade_no: outTradeNo, total_amount: '100.11', subject: 'x' });
    expect(conflict.status).toBe(400);
    expect(await conflict.text()).toContain('ACQ.CONTEXT_INCONSISTENT');

    expect(await call('trade.query', { out_trade_no: outTradeNo })).toMatchObject({
      code: '10000',
      msg: 'Success',
      trade_no: tradeNo,
      out_trade_no: outTradeNo,
      trade_status: 'WAIT_BUYER_PAY',
      total_amount: '100.10',
      buyer_pay_amount: '0.00',
    });
    expect(await testEndpoint(`/payments/${tradeNo}/pay`)).toEqual({ status: 200, body: { ok: true, status: 'TRADE_SUCCESS' } });
    expect((await testEndpoint(`/payments/${tradeNo}/fail`)).body).toEqual({ ok: true, status: 'TRADE_SUCCESS' });
    expect(await countNotifications()).toBe(1);
    const paid = await call('trade.query', { trade_no: tradeNo });
    expect(paid).toMatchObject({
      out_trade_no: outTradeNo,
      trade_status: 'TRADE_SUCCESS',
      receipt_amount: '100.10',
      buyer_pay_amount: '100.10',
    });
    expect(paid.buyer_user_id).toMatch(/^2088\d{12}$/);
    expect(await call('trade.query', { out_trade_no: 'NOPE' })).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_NOT_EXIST' });
    // A paid trade cannot be closed; a waiting one can, and then cannot be paid.
    expect(await call('trade.close', { out_trade_no: outTradeNo })).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_STATUS_ERROR' });
    const other = await createTrade();
    expect(await call('trade.close', { out_trade_no: other.outTradeNo })).toMatchObject({ code: '10000', trade_no: other.tradeNo });
    expect((await testEndpoint(`/payments/${other.tradeNo}/pay`)).body).toEqual({ ok: true, status: 'TRADE_CLOSED' });
    expect(await call('trade.query', { out_trade_no: other.outTradeNo })).toMatchObject({ trade_status: 'TRADE_CLOSED' });
  });

  it('wap pay works the same way', async () => {
    const url = sdk.pageExecute('alipay.trade.wap.pay', 'GET', {
      bizContent: { out_trade_no: orderNo(), total_amount: '1.00', subject: 'x', product_code: 'QUICK_WAP_WAY' },
      returnUrl: 'https://shop.example/back',
    });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/sandbox\/pay\/\d+$/);
  });

  it('verifies requests over every parameter but sign — sign_type included — and refuses the rest', async () => {
    const outTradeNo = orderNo();
    const good = signedRequest('alipay.trade.query', { out_trade_no: outTradeNo });
    const invalidSign = { code: '40002', sub_code: 'isv.invalid-signature' };
    expect(await rawPost(good)).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_NOT_EXIST' });
    expect(await rawPost({ ...good, biz_content: JSON.stringify({ out_trade_no: 'other' }) })).toMatchObject(invalidSign);
    expect(await rawPost({ ...good, notify_url: 'http://attacker.example/notify' })).toMatchObject(invalidSign);
    // Signed the look-alike way, without sign_type: refused like any other wrong signature.
    const { sign_type: _t, ...withoutType } = good;
    expect(await rawPost({ ...good, sign: rsa2Sign(requestSignContent({ ...withoutType, sign: '' }), merchant.privateKey) })).toMatchObject(
      invalidSign,
    );
    const { sign: _s, ...unsigned } = good;
    expect(await rawPost(unsigned)).toMatchObject({ code: '40001', sub_code: 'isv.missing-signature' });
    expect(await rawPost({ ...good, sign: 'bm90IGEgc2lnbmF0dXJl' })).toMatchObject(invalidSign);
    expect(await rawPost({ ...good, sign_type: 'RSA' })).toMatchObject(invalidSign);
    expect(
      await rawPost(signedRequest('alipay.trade.query', { out_trade_no: outTradeNo }, {}, generateRsaKeyPair().privateKey)),
    ).toMatchObject(invalidSign);
    expect(await rawPost({ ...good, app_id: '2026999999999999' })).toMatchObject({ code: '40002', sub_code: 'isv.invalid-app-id' });
    expect(await rawPost(signedRequest('alipay.nope', {}))).toMatchObject({ code: '40002', sub_code: 'isv.invalid-method' });
    // Through the SDK: a stranger's key is refused, the answer still signed.
    expect(
      await sdkFor(generateRsaKeyPair().privateKey).exec(
        'alipay.trade.query',
        { bizContent: { out_trade_no: 'x' } },
        { validateSign: true },
      ),
    ).toMatchObject(invalidSign);
    // A page-pay form with a tampered amount shows the buyer an error page.
    const url = new URL(
      sdk.pageExecute('alipay.trade.page.pay', 'GET', { bizContent: { out_trade_no: outTradeNo, total_amount: '9.00', subject: 'x' } }),
    );
    url.searchParams.set('biz_content', JSON.stringify({ out_trade_no: outTradeNo, total_amount: '0.01', subject: 'x' }));
    const tampered = await fetch(url, { redirect: 'manual' });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('isv.invalid-signature');
  });

  it("signs every answer over the raw JSON of the response value, as the SDK's validateSign checks", async () => {
    const res = await fetch(`${base}/sandbox/alipay/gateway.do`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(signedRequest('alipay.trade.query', { out_trade_no: 'NOPE' })).toString(),
    });
    const text = await res.text();
    expect(text).toMatch(/^\{"alipay_trade_query_response":\{.*\},"sign":"[A-Za-z0-9+/=]+"\}$/);
    const raw = text.slice('{"alipay_trade_query_response":'.length, text.lastIndexOf(',"sign"'));
    const sign = JSON.parse(text).sign as string;
    const { createVerify } = await import('node:crypto');
    expect(createVerify('RSA-SHA256').update(raw).verify(gatewayKey, sign, 'base64')).toBe(true);
    // A client holding another gateway key rejects the answer.
    const wrong = new AlipaySdk({
      appId: APP_ID,
      privateKey: merchant.privateKey,
      keyType: 'PKCS8',
      alipayPublicKey: merchant.publicKey,
      gateway: `${base}/sandbox/alipay/gateway.do`,
    });
    await expect(wrong.exec('alipay.trade.query', { bizContent: { out_trade_no: 'x' } }, { validateSign: true })).rejects.toThrow(
      /验签失败/,
    );
  });

  it('refunds part and then the rest, idempotent by out_request_no, never more than paid; refund query', async () => {
    const { outTradeNo, tradeNo } = await createTrade();
    await gateway.payNow(tradeNo);
    const first = await call('trade.refund', {
      out_trade_no: outTradeNo,
      refund_amount: '30.00',
      out_request_no: 'R1',
      refund_reason: '冷静期撤销',
    });
    expect(first).toMatchObject({ code: '10000', trade_no: tradeNo, fund_change: 'Y', refund_fee: '30.00' });
    expect(await call('trade.refund', { out_trade_no: outTradeNo, refund_amount: '30.00', out_request_no: 'R1' })).toMatchObject({
      fund_change: 'N',
      refund_fee: '30.00',
    });
    expect(await call('trade.refund', { out_trade_no: outTradeNo, refund_amount: '30.01', out_request_no: 'R1' })).toMatchObject({
      code: '40004',
    });
    expect(await call('trade.refund', { out_trade_no: outTradeNo, refund_amount: '70.11', out_request_no: 'R2' })).toMatchObject({
      code: '40004',
      sub_code: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL',
    });
    expect(await call('trade.refund', { out_trade_no: outTradeNo, refund_amount: '70.10', out_request_no: 'R2' })).toMatchObject({
      fund_change: 'Y',
      refund_fee: '100.10',
    });
    expect(await call('trade.query', { out_trade_no: outTradeNo })).toMatchObject({ trade_status: 'TRADE_CLOSED' });
    expect(await call('trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: 'R1' })).toMatchObject({
      code: '10000',
      out_request_no: 'R1',
      refund_amount: '30.00',
      total_amount: '100.10',
      refund_status: 'REFUND_SUCCESS',
    });
    const none = await call('trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: 'R9' });
    expect(none.code).toBe('10000');
    expect(none.refund_amount).toBeUndefined();
    const unpaid = await createTrade();
    expect(await call('trade.refund', { out_trade_no: unpaid.outTradeNo, refund_amount: '1.00' })).toMatchObject({
      sub_code: 'ACQ.TRADE_STATUS_ERROR',
    });

    // The refunds' notifications: trade_status_sync with refund_fee, gmt_refund and the request's out_biz_no.
    await gateway.deliverDue();
    const refunds = received.filter((r) => r.params.refund_fee);
    expect(refunds.map((r) => [r.params.out_biz_no, r.params.refund_fee, r.params.trade_status])).toEqual([
      ['R1', '30.00', 'TRADE_SUCCESS'],
      ['R2', '100.10', 'TRADE_CLOSED'],
    ]);
    expect(refunds.every((r) => verifies(r.params))).toBe(true);
  });

  it('keeps one gateway key pair across restarts and one merchant row per app id', async () => {
    const restarted = createSandboxGateway({ db: database.db, clock, logger });
    expect(await restarted.publicKey()).toBe(gatewayKey);
    await restarted.registerMerchant(APP_ID, merchant.publicKey);
    const rotated = generateRsaKeyPair();
    await restarted.registerMerchant(APP_ID, rotated.publicKey);
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM sandbox_merchants`.execute(database.db);
    expect(Number(rows[0]!.n)).toBe(1);
    expect(await call('trade.query', { out_trade_no: 'X' })).toMatchObject({ sub_code: 'isv.invalid-signature' });
    sdk = sdkFor(rotated.privateKey);
    expect(await call('trade.query', { out_trade_no: 'X' })).toMatchObject({ sub_code: 'ACQ.TRADE_NOT_EXIST' });
    await expect(restarted.registerMerchant('other', 'not a key')).rejects.toThrow();
  });
});

describe('notifications', () => {
  it("posts Alipay's full trade_status_sync field set, verified by checkNotifySignV2, and only unaltered", async () => {
    const { outTradeNo, tradeNo } = await createTrade();
    await gateway.payNow(tradeNo);
    expect(await gateway.deliverDue()).toBe(1);
    expect(received).toHaveLength(1);
    const [callback] = received;
    expect(callback!.path).toBe('/notify');
    expect(callback!.contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(callback!.params).toMatchObject({
      notify_type: 'trade_status_sync',
      notify_time: '2026-11-24 10:00:00',
      charset: 'utf-8',
      version: '1.0',
      app_id: APP_ID,
      auth_app_id: APP_ID,
      out_trade_no: outTradeNo,
      trade_no: tradeNo,
      trade_status: 'TRADE_SUCCESS',
      total_amount: '100.10',
      receipt_amount: '100.10',
      invoice_amount: '100.10',
      buyer_pay_amount: '100.10',
      point_amount: '0.00',
      subject: '圈子会员充值',
      gmt_create: '2026-11-24 10:00:00',
      gmt_payment: '2026-11-24 10:00:00',
      sign_type: 'RSA2',
    });
    expect(callback!.params.buyer_id).toMatch(/^2088\d{12}$/);
    expect(callback!.params.seller_id).toMatch(/^2088\d{12}$/);
    expect(JSON.parse(callback!.params.fund_bill_list!)).toEqual([{ amount: '100.10', fundChannel: 'ALIPAYACCOUNT' }]);
    expect(callback!.params.notify_id).toMatch(/^[0-9a-f]{32}$/);
    expect(verifies(callback!.params)).toBe(true);
    expect(verifies({ ...callback!.params, total_amount: '1000.10' })).toBe(false);
    expect(verifies({ ...callback!.params, trade_status: 'TRADE_CLOSED' })).toBe(false);
    const foreign = new AlipaySdk({
      appId: APP_ID,
      privateKey: merchant.privateKey,
      keyType: 'PKCS8',
      alipayPublicKey: merchant.publicKey,
    });
    expect(foreign.checkNotifySignV2(callback!.params)).toBe(false);

    clock.advance(3_600_000);
    expect(await gateway.deliverDue()).toBe(0);

    const cancelled = await createTrade();
    await gateway.failNow(cancelled.tradeNo);
    await gateway.deliverDue();
    expect(received[1]!.params).toMatchObject({
      out_trade_no: cancelled.outTradeNo,
      trade_status: 'TRADE_CLOSED',
      gmt_close: '2026-11-24 11:00:00',
    });
    expect(received[1]!.params.gmt_payment).toBeUndefined();
    expect(verifies(received[1]!.params)).toBe(true);
  });
  it('retries with exponential backoff until the merchant answers exactly "success"', async () => {
    const answers = [
      { status: 500, body: 'error' },
      { status: 200, body: 'fail' },
      { status: 200, body: 'successful' },
      { status: 200, body: '  success\n' },
    ];
    answer = (nth) => answers[nth - 1] ?? { status: 200, body: 'success' };
    const { tradeNo } = await createTrade();
    await gateway.payNow(tradeNo);

    expect(await gateway.deliverDue()).toBe(1);
    expect(await gateway.deliverDue()).toBe(0); // not due yet
    for (const delay of [1_000, 2_000, 4_000]) {
      clock.advance(delay - 1);
      expect(await gateway.deliverDue()).toBe(0);
      clock.advance(1);
      expect(await gateway.deliverDue()).toBe(1);
    }
    expect(received).toHaveLength(4);
    expect(new Set(received.map((r) => r.params.notify_id)).size).toBe(1);
    expect(received.every((r) => verifies(r.params))).toBe(true);
    clock.advance(3_600_000);
    expect(await gateway.deliverDue()).toBe(0);
    const { rows } = await sql<{ attempts: number; acknowledged_at: Date | null }>`
      SELECT attempts, acknowledged_at FROM sandbox_notifications`.execute(database.db);
    expect(rows).toEqual([{ attempts: 4, acknowledged_at: expect.any(Date) }]);
  });

  it('gives up after ten unacknowledged attempts, with delays capped at an hour', async () => {
    answer = () => ({ status: 200, body: 'fail' });
    const { tradeNo } = await createTrade();
    await gateway.payNow(tradeNo);
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(await gateway.deliverDue()).toBe(1);
      clock.advance(3_600_000);
    }
    expect(await gateway.deliverDue()).toBe(0);
    expect(received).toHaveLength(10);
    const { rows } = await sql<{ gave_up: boolean }>`SELECT gave_up_at IS NOT NULL AS gave_up FROM sandbox_notifications`.execute(
      database.db,
    );
    expect(rows).toEqual([{ gave_up: true }]);
    expect([1, 2, 10, 12, 13, 30].map((n) => retryDelayMs(1_000, n))).toEqual([1_000, 2_000, 512_000, 2_048_000, 3_600_000, 3_600_000]);
  });

  it('with chaos, posts every callback several times under one notify_id, in shuffled order', async () => {
    gateway.setChaos({ duplicates: 3, shuffle: false });
    const { tradeNo } = await createTrade();
    await gateway.payNow(tradeNo);
    expect(await gateway.deliverDue()).toBe(1);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.params.notify_id)).size).toBe(1);
    expect(received.every((r) => r.params.trade_no === tradeNo && verifies(r.params))).toBe(true);

    received.length = 0;
    gateway.setChaos({ duplicates: 2, shuffle: true });
    const trades = [];
    for (let i = 0; i < 4; i++) trades.push(await createTrade());
    for (const t of trades) await gateway.payNow(t.tradeNo);
    expect(await gateway.deliverDue()).toBe(4);
    expect(received).toHaveLength(8);
    const perId = new Map<string, number>();
    for (const r of received) perId.set(r.params.notify_id!, (perId.get(r.params.notify_id!) ?? 0) + 1);
    expect([...perId.values()]).toEqual([2, 2, 2, 2]);
    expect(new Set(received.map((r) => r.params.out_trade_no))).toEqual(new Set(trades.map((t) => t.outTradeNo)));
  });

  it('never lets two instances deliver the same attempt', async () => {
    const second = createSandboxGateway({ db: database.db, clock, logger });
    extraGateways.push(second);
    const trades = [];
    for (let i = 0; i < 10; i++) trades.push(await createTrade());
    for (const t of trades) await gateway.payNow(t.tradeNo);
    const [a, b] = await Promise.all([gateway.deliverDue(), second.deliverDue()]);
    expect(a + b).toBe(10);
    expect(received).toHaveLength(10);
    expect(new Set(received.map((r) => r.params.notify_id)).size).toBe(10);
  });

  it('delivers on its own once the loop is started', async () => {
    const { tradeNo } = await createTrade();
    gateway.startDelivery();
    gateway.startDelivery(); // idempotent: still one loop
    await gateway.payNow(tradeNo);
    const deadline = Date.now() + 5_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(received.map((r) => r.params.trade_no)).toEqual([tradeNo]);
    await gateway.stopDelivery();
  });
});

const transfer = (outBizNo: string, last4: string, amount = '50.00', name = '张三') =>
  call(
    'fund.trans.uni.transfer',
    {
      out_biz_no: outBizNo,
      trans_amount: amount,
      product_code: 'TRANS_BANKCARD_NO_PWD',
      biz_scene: 'DIRECT_TRANSFER',
      order_title: '圈子钱包提现',
      payee_info: { identity: `622202000000${last4}`, identity_type: 'BANKCARD_ACCOUNT', name },
    },
    { notifyUrl },
  );

describe('payouts', () => {
  const query = (outBizNo: string) =>
    call('fund.trans.common.query', { out_biz_no: outBizNo, product_code: 'TRANS_BANKCARD_NO_PWD', biz_scene: 'DIRECT_TRANSFER' });
  const bizOf = (r: Received) => JSON.parse(r.params.biz_content!) as Record<string, string>;

  it('settles about a second later: success, or failure for a card ending in 4444; alipay.fund.trans.order.changed', async () => {
    const good = orderNo();
    const bad = orderNo();
    const created = await transfer(good, '1234');
    expect(created).toMatchObject({ code: '10000', status: 'DEALING', out_biz_no: good });
    expect(await transfer(good, '1234')).toMatchObject({ order_id: created.order_id, status: 'DEALING' });
    expect(await transfer(good, '1234', '50.01')).toMatchObject({ code: '40004', sub_code: 'PAYMENT_INFO_INCONSISTENCY' });
    await transfer(bad, '4444');

    clock.advance(999);
    expect(await gateway.deliverDue()).toBe(0);
    expect(await query(good)).toMatchObject({ status: 'DEALING', trans_amount: '50.00' });
    clock.advance(1);
    expect(await gateway.deliverDue()).toBe(2);

    expect(await query(good)).toMatchObject({
      code: '10000',
      msg: 'Success',
      order_id: created.order_id,
      out_biz_no: good,
      status: 'SUCCESS',
      trans_amount: '50.00',
      pay_date: '2026-11-24 10:00:01',
    });
    expect(await query(bad)).toMatchObject({ status: 'FAIL', fail_reason: 'PAYEE_CARD_REJECTED' });
    expect(received.every((r) => r.params.msg_method === 'alipay.fund.trans.order.changed' && r.params.utc_timestamp)).toBe(true);
    const byBizNo = Object.fromEntries(received.map((r) => [bizOf(r).out_biz_no, bizOf(r)]));
    expect(byBizNo[good]).toMatchObject({
      order_id: created.order_id,
      status: 'SUCCESS',
      trans_amount: '50.00',
      product_code: 'TRANS_BANKCARD_NO_PWD',
    });
    expect(byBizNo[bad]).toMatchObject({ status: 'FAIL', fail_reason: 'PAYEE_CARD_REJECTED' });
    expect(received.every((r) => verifies(r.params))).toBe(true);
    expect(await query('NOPE')).toMatchObject({ code: '40004', sub_code: 'ORDER_NOT_EXIST' });
    expect(await call('fund.trans.uni.transfer', { out_biz_no: orderNo(), trans_amount: '1.00' })).toMatchObject({
      code: '40002',
      sub_code: 'isv.invalid-parameter',
    });
  });

  it('can be forced either way before the bank answers, and then stays put', async () => {
    const forcedFail = orderNo();
    const forcedSuccess = orderNo();
    const a = await transfer(forcedFail, '1234');
    const b = await transfer(forcedSuccess, '4444');
    expect(await testEndpoint(`/payouts/${a.order_id}/fail`)).toEqual({ status: 200, body: { ok: true, status: 'FAIL' } });
    expect(await testEndpoint(`/payouts/${b.order_id}/succeed`)).toEqual({ status: 200, body: { ok: true, status: 'SUCCESS' } });
    expect((await testEndpoint(`/payouts/${a.order_id}/succeed`)).body).toEqual({ ok: true, status: 'FAIL' });
    clock.advance(5_000);
    expect(await gateway.deliverDue()).toBe(2);
    expect(await query(forcedFail)).toMatchObject({ status: 'FAIL' });
    expect(await query(forcedSuccess)).toMatchObject({ status: 'SUCCESS' });
    expect(received.map((r) => bizOf(r).status).sort()).toEqual(['FAIL', 'SUCCESS']);
    expect(await testEndpoint('/payouts/nope/fail')).toEqual({ status: 404, body: { ok: false, error: 'ORDER_NOT_EXIST' } });
  });
});

describe('bill download', () => {
  /** The SDK asks for the download link; the file is a zip holding one GBK CSV. */
  const bill = async (billDate: string, billType = 'trade') => {
    const res = await call('data.dataservice.bill.downloadurl.query', { bill_type: billType, bill_date: billDate });
    expect(res.code, JSON.stringify(res)).toBe('10000');
    const file = await fetch(res.bill_download_url!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const names = Object.keys(entries);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(billType === 'trade' ? /_\d{8}_业务明细\.csv$/ : /_\d{8}_账务明细\.csv$/);
    return iconv.decode(Buffer.from(entries[names[0]!]!), 'gbk').split('\r\n').filter(Boolean);
  };
  const details = (lines: string[]) =>
    lines
      .filter((l) => !l.startsWith('#'))
      .slice(1)
      .map((l) => l.split(',').map((c) => c.replace(/\t$/, '')));

  it("is Alipay's 业务明细 file: header and footer lines, payments and refunds of the day, as tampered with", async () => {
    const a = await createTrade();
    const b = await createTrade({ total_amount: '0.05' });
    const closed = await createTrade();
    await createTrade(); // never paid
    await gateway.payNow(a.tradeNo);
    await gateway.payNow(b.tradeNo);
    await gateway.failNow(closed.tradeNo);
    await call('trade.refund', { out_trade_no: a.outTradeNo, refund_amount: '0.10', out_request_no: 'RF-1' });
    const payout = await transfer('PO-1', '1234', '20.00');
    clock.advance(1_000);
    await gateway.deliverDue();
    const late = await createTrade();
    const nextDay = await createTrade();
    clock.set(new Date('2026-11-24T15:59:59.999Z'));
    await gateway.payNow(late.tradeNo);
    clock.set(new Date('2026-11-24T16:00:00Z'));
    await gateway.payNow(nextDay.tradeNo);

    const lines = await bill('2026-11-24');
    expect(lines[0]).toBe('#支付宝业务明细查询');
    expect(lines[2]).toBe('#起始日期：[2026年11月24日 00:00:00]   终止日期：[2026年11月25日 00:00:00]');
    expect(lines).toContain('#交易合计：3笔，商家实收共：200.25元，商家实收退款共：0.10元');
    expect(lines).toContain('#退款合计：1笔');
    expect(lines.at(-1)).toMatch(/^#导出时间：\[2026年11月25日 00:00:00\]$/);
    const rows = details(lines);
    const pick = (r: string[]) => [r[0], r[1], r[2], r[11], r[12], r[21]];
    expect(rows.map(pick)).toEqual(
      expect.arrayContaining([
        [a.tradeNo, a.outTradeNo, '交易', '100.10', '100.10', ''],
        [b.tradeNo, b.outTradeNo, '交易', '0.05', '0.05', ''],
        [a.tradeNo, a.outTradeNo, '退款', '-0.10', '-0.10', 'RF-1'],
        [late.tradeNo, late.outTradeNo, '交易', '100.10', '100.10', ''],
      ]),
    );
    expect(rows).toHaveLength(4);
    // Transfers are in the 账务明细 (signcustomer) file.
    const account = details(await bill('2026-11-24', 'signcustomer'));
    expect(account.filter((r) => r[10] === '转账').map((r) => [r[1], r[2], r[7]])).toEqual([[payout.order_id, 'PO-1', '-20.00']]);

    expect(details(await bill('2026-11-25')).map((r) => r[0])).toEqual([nextDay.tradeNo]);

    await gateway.tamper.dropFromBill(b.tradeNo);
    await gateway.tamper.changeBillAmount(late.tradeNo, 9_999n);
    await gateway.tamper.addExtraToBill('2026-11-24', 500n);
    const tampered = details(await bill('2026-11-24'));
    expect(tampered.some((r) => r[0] === b.tradeNo)).toBe(false);
    expect(tampered.find((r) => r[0] === late.tradeNo)![12]).toBe('99.99');
    expect(tampered.some((r) => /^SANDBOX_EXTRA_\d{8}$/.test(r[1]!) && r[12] === '5.00')).toBe(true);
    expect(await call('trade.query', { out_trade_no: late.outTradeNo })).toMatchObject({ total_amount: '100.10' });
    await expect(gateway.tamper.dropFromBill('nope')).rejects.toThrow();

    expect(details(await bill('2026-11-23'))).toEqual([]);
    expect(await call('data.dataservice.bill.downloadurl.query', { bill_type: 'trade', bill_date: '2026-2-3' })).toMatchObject({
      code: '40002',
      sub_code: 'isv.invalid-parameter',
    });
  });

  it('serves a download link only as signed, and only for a short while', async () => {
    const res = await call('data.dataservice.bill.downloadurl.query', { bill_type: 'trade', bill_date: '2026-11-24' });
    const url = new URL(res.bill_download_url!);
    const forged = new URL(url);
    forged.searchParams.set('app_id', 'another');
    expect((await fetch(forged)).status).toBe(403);
    clock.advance(31_000);
    expect((await fetch(url)).status).toBe(403);
  });
});

describe('cashier page', () => {
  const html = (path: string, init: RequestInit = {}) =>
    fetch(`${base}/sandbox${path}`, { redirect: 'manual', ...init, headers: { accept: 'text/html,*/*;q=0.8', ...init.headers } });
  const formPost = (path: string) =>
    html(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });

  it('renders the trade with everything escaped, pays through a form and returns to the merchant', async () => {
    const subject = '<script>alert("x")</script> & 会员';
    const { tradeNo, outTradeNo } = await createTrade({ subject }, { notifyUrl, returnUrl: 'https://shop.example/done?from=sandbox' });
    const res = await html(`/pay/${tradeNo}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' https://shop.example");
    const page = await res.text();
    expect(page).toContain('<title>沙箱收银台</title>');
    expect(page).toContain('¥100.10');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 会员');
    expect(page).not.toContain('<script');
    expect(page).toContain('这是沙箱环境，不会产生真实扣款');
    expect(page).toContain('确认支付');
    expect(page).toContain('取消支付');
    expect(page).toContain(`action="/sandbox/payments/${tradeNo}/pay"`);
    expect(page).toContain(`action="/sandbox/payments/${tradeNo}/fail"`);
    expect(page).toContain('width=device-width');

    const paid = await formPost(`/payments/${tradeNo}/pay`);
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`https://shop.example/done?from=sandbox&out_trade_no=${outTradeNo}`);
    const after = await (await html(`/pay/${tradeNo}`)).text();
    expect(after).toContain('支付成功');
    expect(after).not.toContain('确认支付');
    expect(after).toContain(`href="https://shop.example/done?from=sandbox&amp;out_trade_no=${outTradeNo}"`);
    expect(await gateway.deliverDue()).toBe(1);
  });

  it('shows a result page when there is no return_url, and 404 for an unknown trade', async () => {
    const { tradeNo } = await createTrade();
    const cancelled = await formPost(`/payments/${tradeNo}/fail`);
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe(`/sandbox/pay/${tradeNo}`);
    const page = await (await html(`/pay/${tradeNo}`)).text();
    expect(page).toContain('交易已关闭');
    expect(page).not.toContain('<form');

    const missing = await html('/pay/2026112422000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await missing.text()).toContain('交易不存在');
  });

  it('has a payout page for deciding the bank answer by hand', async () => {
    const created = await call('fund.trans.uni.transfer', {
      out_biz_no: orderNo(),
      trans_amount: '8.00',
      product_code: 'TRANS_BANKCARD_NO_PWD',
      biz_scene: 'DIRECT_TRANSFER',
      payee_info: { identity: '6222020000001234', identity_type: 'BANKCARD_ACCOUNT', name: '<b>*三</b>' },
    });
    const page = await (await html(`/payouts/${created.order_id}`)).text();
    expect(page).toContain('¥8.00');
    expect(page).toContain('&lt;b&gt;*三&lt;/b&gt;');
    const done = await formPost(`/payouts/${created.order_id}/succeed`);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/sandbox/payouts/${created.order_id}`);
    expect(await (await html(`/payouts/${created.order_id}`)).text()).toContain('转账成功');
  });
});
