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
import { generateRsaKeyPair, signParams, verifyParams, type Params } from '../platform/payments/rsa2.js';
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

// ── the merchant's side of the API ──────────────────────────────────────────────────────────────

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
  return { ...params, sign: signParams(params, key) };
}

/** Posts form-encoded parameters and checks the gateway's signature on the answer. */
async function post(params: Params): Promise<Params> {
  const res = await fetch(`${base}/sandbox/gateway`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { response: Params; sign: string };
  expect(verifyParams({ ...json.response, sign_type: 'RSA2', sign: json.sign }, gatewayKey)).toBe(true);
  return json.response;
}

const call = (method: string, biz: unknown, extra: Params = {}) => post(signedRequest(method, biz, extra));

let seq = 0;
const orderNo = () => `QZ${Date.now()}${seq++}`;

async function createTrade(overrides: Record<string, string> = {}, extra: Params = { notify_url: notifyUrl }) {
  const outTradeNo = overrides.out_trade_no ?? orderNo();
  const res = await call(
    'trade.page.pay',
    { out_trade_no: outTradeNo, total_amount: '100.10', subject: '圈子会员充值', ...overrides },
    extra,
  );
  expect(res.code, JSON.stringify(res)).toBe('10000');
  return { outTradeNo, tradeNo: res.trade_no!, res };
}

const testEndpoint = (path: string) =>
  fetch(`${base}/sandbox${path}`, { method: 'POST' }).then(async (r) => ({ status: r.status, body: await r.json() }));

const countNotifications = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM sandbox_notifications`.execute(database.db)).rows[0]!.n);

describe('sandbox gateway API', () => {
  it('creates, queries and pays a trade over signed requests', async () => {
    const { outTradeNo, tradeNo, res } = await createTrade();
    expect(res).toMatchObject({ code: '10000', out_trade_no: outTradeNo, total_amount: '100.10', pay_url: `/sandbox/pay/${tradeNo}` });
    expect(tradeNo).toMatch(/^2026112422\d{18}$/);

    // Same out_trade_no again: the same trade; with another amount: refused.
    expect((await createTrade({ out_trade_no: outTradeNo })).tradeNo).toBe(tradeNo);
    const conflict = await call('trade.page.pay', { out_trade_no: outTradeNo, total_amount: '100.11', subject: 'x' });
    expect(conflict).toMatchObject({ code: '40004', sub_code: 'DUPLICATE_OUT_TRADE_NO' });

    expect(await call('trade.query', { out_trade_no: outTradeNo })).toEqual({
      code: '10000',
      msg: 'Success',
      trade_no: tradeNo,
      out_trade_no: outTradeNo,
      trade_status: 'WAIT_BUYER_PAY',
      total_amount: '100.10',
    });

    expect(await testEndpoint(`/payments/${tradeNo}/pay`)).toEqual({ status: 200, body: { ok: true, status: 'TRADE_SUCCESS' } });
    // Forward only: paying again and then cancelling change nothing and queue no second callback.
    expect((await testEndpoint(`/payments/${tradeNo}/pay`)).body).toEqual({ ok: true, status: 'TRADE_SUCCESS' });
    expect((await testEndpoint(`/payments/${tradeNo}/fail`)).body).toEqual({ ok: true, status: 'TRADE_SUCCESS' });
    expect(await countNotifications()).toBe(1);
    expect(await call('trade.query', { out_trade_no: outTradeNo })).toMatchObject({ trade_status: 'TRADE_SUCCESS' });
    expect(await call('trade.query', { trade_no: tradeNo })).toMatchObject({ out_trade_no: outTradeNo, trade_status: 'TRADE_SUCCESS' });

    const closed = await createTrade();
    await gateway.failNow(closed.tradeNo);
    expect(await call('trade.query', { out_trade_no: closed.outTradeNo })).toMatchObject({ trade_status: 'TRADE_CLOSED' });
    expect(await testEndpoint('/payments/20261124220000/pay')).toEqual({ status: 404, body: { ok: false, error: 'TRADE_NOT_EXIST' } });
    expect(await call('trade.query', { out_trade_no: 'NOPE' })).toMatchObject({ code: '40004', sub_code: 'TRADE_NOT_EXIST' });
  });

  it('rejects requests whose signature does not verify', async () => {
    const outTradeNo = orderNo();
    const good = signedRequest('trade.page.pay', { out_trade_no: outTradeNo, total_amount: '100.10', subject: 'x' });
    const invalidSign = { code: '40002', sub_code: 'INVALID_SIGN' };

    expect(await post({ ...good, biz_content: good.biz_content!.replace('100.10', '1.00') })).toMatchObject(invalidSign);
    expect(await post({ ...good, notify_url: 'http://attacker.example/notify' })).toMatchObject(invalidSign);
    const { sign: _sign, ...unsigned } = good;
    expect(await post(unsigned)).toMatchObject(invalidSign);
    expect(await post({ ...good, sign: 'bm90IGEgc2lnbmF0dXJl' })).toMatchObject(invalidSign);
    expect(await post({ ...good, sign_type: 'RSA' })).toMatchObject(invalidSign);
    const stranger = generateRsaKeyPair();
    expect(
      await post(
        signedRequest('trade.page.pay', { out_trade_no: outTradeNo, total_amount: '1.00', subject: 'x' }, {}, stranger.privateKey),
      ),
    ).toMatchObject(invalidSign);
    expect(await post({ ...good, app_id: '2026999999999999' })).toMatchObject({ code: '40002', sub_code: 'INVALID_APP_ID' });

    expect(await call('trade.query', { out_trade_no: outTradeNo })).toMatchObject({ code: '40004', sub_code: 'TRADE_NOT_EXIST' });
    expect(await post(good)).toMatchObject({ code: '10000' });
  });

  it('refuses malformed business parameters', async () => {
    const bad = (biz: unknown, extra: Params = {}) => call('trade.page.pay', biz, extra);
    for (const amount of ['0', '0.00', '-1', '1.234', '1e3', 'abc', '100000000000.00']) {
      expect(await bad({ out_trade_no: orderNo(), total_amount: amount, subject: 'x' })).toMatchObject({
        code: '40002',
        sub_code: 'INVALID_PARAMETER',
      });
    }
    expect(await bad({ out_trade_no: orderNo(), total_amount: 100.1, subject: 'x' })).toMatchObject({ code: '40002' });
    expect(await bad({ out_trade_no: orderNo(), total_amount: '1.00', subject: 'x' }, { notify_url: 'ftp://x' })).toMatchObject({
      code: '40002',
    });
    expect(await bad({ out_trade_no: orderNo(), total_amount: '1.00', subject: 'x' }, { return_url: '//evil.example' })).toMatchObject({
      code: '40002',
    });
    expect(await post(signedRequest('trade.page.pay', {}, { biz_content: '{not json' }))).toMatchObject({ code: '40002' });
    expect(await call('trade.refund', {})).toMatchObject({ code: '40002', sub_code: 'INVALID_METHOD' });
    // Errors outside the API's own checks keep the gateway's shape, not the host's.
    const xml = await fetch(`${base}/sandbox/gateway`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' });
    expect(xml.status).toBe(415);
    expect(await xml.json()).toMatchObject({ response: { code: '40000' } });
  });

  it('keeps one gateway key pair across restarts and one merchant row per app id', async () => {
    const restarted = createSandboxGateway({ db: database.db, clock, logger });
    expect(await restarted.publicKey()).toBe(gatewayKey);
    await restarted.registerMerchant(APP_ID, merchant.publicKey);
    const rotated = generateRsaKeyPair();
    await restarted.registerMerchant(APP_ID, rotated.publicKey);
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM sandbox_merchants`.execute(database.db);
    expect(Number(rows[0]!.n)).toBe(1);
    // The uploaded key is the one that counts now.
    expect(await call('trade.query', { out_trade_no: 'X' })).toMatchObject({ sub_code: 'INVALID_SIGN' });
    expect(await post(signedRequest('trade.query', { out_trade_no: 'X' }, {}, rotated.privateKey))).toMatchObject({
      sub_code: 'TRADE_NOT_EXIST',
    });
    await expect(restarted.registerMerchant('other', 'not a key')).rejects.toThrow();
  });
});

describe('notifications', () => {
  it('posts a signed form callback that verifies with the gateway key, and only unaltered', async () => {
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
      app_id: APP_ID,
      out_trade_no: outTradeNo,
      trade_no: tradeNo,
      trade_status: 'TRADE_SUCCESS',
      total_amount: '100.10',
      gmt_payment: '2026-11-24 10:00:00',
      sign_type: 'RSA2',
    });
    expect(callback!.params.notify_id).toMatch(/^[0-9a-f]{32}$/);
    expect(verifyParams(callback!.params, gatewayKey)).toBe(true);
    expect(verifyParams({ ...callback!.params, total_amount: '1000.10' }, gatewayKey)).toBe(false);
    expect(verifyParams({ ...callback!.params, trade_status: 'TRADE_CLOSED' }, gatewayKey)).toBe(false);
    expect(verifyParams(callback!.params, merchant.publicKey)).toBe(false);

    // Acknowledged: nothing more is sent.
    clock.advance(3_600_000);
    expect(await gateway.deliverDue()).toBe(0);

    const cancelled = await createTrade();
    await gateway.failNow(cancelled.tradeNo);
    await gateway.deliverDue();
    expect(received[1]!.params).toMatchObject({ out_trade_no: cancelled.outTradeNo, trade_status: 'TRADE_CLOSED' });
    expect(verifyParams(received[1]!.params, gatewayKey)).toBe(true);
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
    expect(received.every((r) => verifyParams(r.params, gatewayKey))).toBe(true);
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
    expect(received.every((r) => r.params.trade_no === tradeNo && verifyParams(r.params, gatewayKey))).toBe(true);

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

describe('payouts', () => {
  const transfer = (outBizNo: string, last4: string, amount = '50.00') =>
    call(
      'fund.trans.uni.transfer',
      { out_biz_no: outBizNo, trans_amount: amount, payee_card_last4: last4, payee_name_masked: '*三' },
      { notify_url: notifyUrl },
    );
  const query = (outBizNo: string) => call('fund.trans.common.query', { out_biz_no: outBizNo });

  it('settles about a second later: success, or failure for a card ending in 4444', async () => {
    const good = orderNo();
    const bad = orderNo();
    const created = await transfer(good, '1234');
    expect(created).toMatchObject({ code: '10000', status: 'DEALING' });
    expect(await transfer(good, '1234')).toMatchObject({ order_id: created.order_id, status: 'DEALING' });
    expect(await transfer(good, '1234', '50.01')).toMatchObject({ code: '40004', sub_code: 'DUPLICATE_OUT_BIZ_NO' });
    await transfer(bad, '4444');

    clock.advance(999);
    expect(await gateway.deliverDue()).toBe(0);
    expect(await query(good)).toMatchObject({ status: 'DEALING', trans_amount: '50.00' });
    clock.advance(1);
    expect(await gateway.deliverDue()).toBe(2);

    expect(await query(good)).toEqual({
      code: '10000',
      msg: 'Success',
      order_id: created.order_id,
      out_biz_no: good,
      status: 'SUCCESS',
      trans_amount: '50.00',
    });
    expect(await query(bad)).toMatchObject({ status: 'FAIL', fail_reason: 'PAYEE_CARD_REJECTED' });
    const byBizNo = Object.fromEntries(received.map((r) => [r.params.out_biz_no, r.params]));
    expect(byBizNo[good]).toMatchObject({
      notify_type: 'fund_trans_status',
      order_id: created.order_id,
      status: 'SUCCESS',
      trans_amount: '50.00',
    });
    expect(byBizNo[bad]).toMatchObject({ notify_type: 'fund_trans_status', status: 'FAIL' });
    expect(received.every((r) => verifyParams(r.params, gatewayKey))).toBe(true);
    expect(await query('NOPE')).toMatchObject({ code: '40004', sub_code: 'ORDER_NOT_EXIST' });
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
    expect(received.map((r) => r.params.status).sort()).toEqual(['FAIL', 'SUCCESS']);
    expect(await testEndpoint('/payouts/nope/fail')).toEqual({ status: 404, body: { ok: false, error: 'ORDER_NOT_EXIST' } });
  });
});

describe('bill download', () => {
  const bill = async (billDate: string) => {
    const res = await call('data.bill.download', { bill_date: billDate });
    expect(res.code).toBe('10000');
    return res.bill!.split('\n');
  };

  it("lists the day's successful payments and payouts, as tampered with", async () => {
    const a = await createTrade();
    const b = await createTrade({ total_amount: '0.05' });
    const closed = await createTrade();
    await createTrade(); // never paid
    await gateway.payNow(a.tradeNo);
    await gateway.payNow(b.tradeNo);
    await gateway.failNow(closed.tradeNo);
    const payout = await call(
      'fund.trans.uni.transfer',
      { out_biz_no: 'PO-1', trans_amount: '20.00', payee_card_last4: '1234', payee_name_masked: '*三' },
      {},
    );
    await call('fund.trans.uni.transfer', {
      out_biz_no: 'PO-2',
      trans_amount: '20.00',
      payee_card_last4: '4444',
      payee_name_masked: '*四',
    });
    clock.advance(1_000);
    await gateway.deliverDue();
    // The last instant of the Shanghai day still belongs to it; the next one does not.
    const late = await createTrade();
    const nextDay = await createTrade();
    clock.set(new Date('2026-11-24T15:59:59.999Z'));
    await gateway.payNow(late.tradeNo);
    clock.set(new Date('2026-11-24T16:00:00Z'));
    await gateway.payNow(nextDay.tradeNo);

    const [header, ...rows] = await bill('2026-11-24');
    expect(header).toBe('trade_no,out_trade_no,type,amount,status,finished_at');
    // Ordered by completion time, then trade number (a and b finished in the same second).
    const byTimeThenNo = (x: string, y: string) => x.split(',')[5]!.localeCompare(y.split(',')[5]!) || x.localeCompare(y);
    expect(rows).toEqual(
      [
        `${a.tradeNo},${a.outTradeNo},pay,100.10,TRADE_SUCCESS,2026-11-24 10:00:00`,
        `${b.tradeNo},${b.outTradeNo},pay,0.05,TRADE_SUCCESS,2026-11-24 10:00:00`,
        `${payout.order_id},PO-1,payout,20.00,SUCCESS,2026-11-24 10:00:01`,
        `${late.tradeNo},${late.outTradeNo},pay,100.10,TRADE_SUCCESS,2026-11-24 23:59:59`,
      ].sort(byTimeThenNo),
    );
    expect(await bill('2026-11-25')).toEqual([
      'trade_no,out_trade_no,type,amount,status,finished_at',
      `${nextDay.tradeNo},${nextDay.outTradeNo},pay,100.10,TRADE_SUCCESS,2026-11-25 00:00:00`,
    ]);

    await gateway.tamper.dropFromBill(b.tradeNo);
    await gateway.tamper.changeBillAmount(a.tradeNo, 9_999n);
    await gateway.tamper.changeBillAmount(payout.order_id!, 2_001n);
    await gateway.tamper.addExtraToBill('2026-11-24', 500n);
    const tampered = await bill('2026-11-24');
    expect(tampered).toHaveLength(5);
    expect(tampered).toContain(`${a.tradeNo},${a.outTradeNo},pay,99.99,TRADE_SUCCESS,2026-11-24 10:00:00`);
    expect(tampered).toContain(`${payout.order_id},PO-1,payout,20.01,SUCCESS,2026-11-24 10:00:01`);
    expect(tampered.some((line) => line.startsWith(b.tradeNo))).toBe(false);
    expect(tampered).toContainEqual(
      expect.stringMatching(/^20261124\d{20},SANDBOX_EXTRA_\d{8},pay,5\.00,TRADE_SUCCESS,2026-11-24 12:00:00$/),
    );
    // The trades themselves are untouched: only the bill lies.
    expect(await call('trade.query', { out_trade_no: a.outTradeNo })).toMatchObject({ total_amount: '100.10' });
    expect(await call('trade.query', { out_trade_no: b.outTradeNo })).toMatchObject({ trade_status: 'TRADE_SUCCESS' });
    await expect(gateway.tamper.dropFromBill('nope')).rejects.toThrow();

    expect(await bill('2026-11-23')).toEqual(['trade_no,out_trade_no,type,amount,status,finished_at']);
    expect(await call('data.bill.download', { bill_date: '2026-02-30' })).toMatchObject({ code: '40002', sub_code: 'INVALID_PARAMETER' });
  });
});

describe('cashier page', () => {
  const html = (path: string, init: RequestInit = {}) =>
    fetch(`${base}/sandbox${path}`, { redirect: 'manual', ...init, headers: { accept: 'text/html,*/*;q=0.8', ...init.headers } });
  const formPost = (path: string) =>
    html(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });

  it('renders the trade with everything escaped, pays through a form and returns to the merchant', async () => {
    const subject = '<script>alert("x")</script> & 会员';
    const { tradeNo, outTradeNo } = await createTrade(
      { subject },
      { notify_url: notifyUrl, return_url: 'https://shop.example/done?from=sandbox' },
    );
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
      payee_card_last4: '1234',
      payee_name_masked: '<b>*三</b>',
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
