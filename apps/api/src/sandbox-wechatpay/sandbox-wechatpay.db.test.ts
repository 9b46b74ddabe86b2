import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The acceptance client: a maintained WeChat Pay v3 library (MIT), used exactly as published.
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { ManualClock } from '../platform/clock.js';
import { installErrorHandling } from '../platform/http/error-handler.js';
import { installSecurityHeaders } from '../platform/http/security-headers.js';
import { generateKeyPair } from './crypto.js';
import { createWechatPaySandbox, type WechatPaySandbox } from './index.js';

const MCHID = '1900000109';
const APPID = 'wxd678efh567hg6787';
const API_V3_KEY = 'sandboxApiV3Key0123456789abcdefg'; // 32 bytes
const merchant = generateKeyPair();
const logger = pino({ level: 'silent' });

// ── the merchant's notify_url: records every notification with its headers ───────────────────────
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let answer: () => { status: number; body: string } = () => ({ status: 204, body: '' });
const receiver = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    const a = answer();
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
});
let notifyUrl = '';
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

let database: TestDatabase;
let clock: ManualClock;
let sandbox: WechatPaySandbox;
let app: FastifyInstance;
let base = '';
let platform: { keyId: string; publicKey: string };
let serial = '';
let wxpay: ReturnType<typeof client>;

/** The library's chained client (`v3.pay.transactions.native.post(…)`), typed loosely: its typings index every segment optionally. */
interface Res {
  status: number;
  data: any;
}
interface Endpoint {
  get(config?: Record<string, unknown>): Promise<Res>;
  post(data?: unknown, config?: Record<string, unknown>): Promise<Res>;
}
/** `api(c, 'v3/pay/transactions/out-trade-no/{out_trade_no}')` is the library's `c.v3.pay.transactions.outTradeNo._out_trade_no_`. */
const api = (c: unknown, path: string) => (c as Record<string, Endpoint>)[path]!;

const client = (overrides: Partial<{ privateKey: string; serial: string; certs: Record<string, string> }> = {}) =>
  new Wechatpay({
    mchid: MCHID,
    serial: overrides.serial ?? serial,
    privateKey: overrides.privateKey ?? merchant.privateKey,
    certs: overrides.certs ?? { [platform.keyId]: platform.publicKey },
    baseURL: `${base}/sandbox/wechatpay/`,
  });

beforeEach(async () => {
  database = await createTestDatabase();
  clock = new ManualClock(new Date());
  sandbox = createWechatPaySandbox({ db: database.db, clock, logger, settleAfterMs: 60_000 });
  ({ serialNo: serial } = await sandbox.registerMerchant({ mchid: MCHID, publicKey: merchant.publicKey, apiV3Key: API_V3_KEY }));
  platform = await sandbox.platformKey();
  const server = Fastify();
  installErrorHandling(server as unknown as FastifyInstance);
  installSecurityHeaders(server as unknown as FastifyInstance, { https: false });
  await server.register(sandbox.routes, { prefix: '/sandbox/wechatpay' });
  await server.listen({ host: '127.0.0.1', port: 0 });
  app = server as unknown as FastifyInstance;
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  wxpay = client();
  received.length = 0;
  answer = () => ({ status: 204, body: '' });
});
afterEach(async () => {
  await app.close();
  await database.drop();
});

const native = (outTradeNo: string, total = 1234) =>
  api(wxpay, 'v3/pay/transactions/native').post({
    appid: APPID,
    mchid: MCHID,
    description: '圈子钱包充值',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    amount: { total, currency: 'CNY' },
  });
const query = (outTradeNo: string) =>
  api(wxpay, 'v3/pay/transactions/out-trade-no/{out_trade_no}').get({ params: { mchid: MCHID }, out_trade_no: outTradeNo });

/** What a merchant does with a notification: verify the signature with the platform key, decrypt. */
function openNotification(r: Received) {
  const h = r.headers as Record<string, string>;
  expect(h['wechatpay-serial']).toBe(platform.keyId);
  expect(
    Rsa.verify(Formatter.response(h['wechatpay-timestamp']!, h['wechatpay-nonce']!, r.body), h['wechatpay-signature']!, platform.publicKey),
  ).toBe(true);
  const envelope = JSON.parse(r.body) as {
    id: string;
    event_type: string;
    resource_type: string;
    resource: { algorithm: string; ciphertext: string; nonce: string; associated_data: string; original_type: string };
  };
  expect(envelope.resource.algorithm).toBe('AEAD_AES_256_GCM');
  const { ciphertext, nonce, associated_data } = envelope.resource;
  return { envelope, resource: JSON.parse(Aes.AesGcm.decrypt(ciphertext, API_V3_KEY, nonce, associated_data)) as Record<string, any> };
}

describe('WeChat Pay v3 sandbox, driven by wechatpay-axios-plugin unpatched', () => {
  it('Native pay: code_url, QR cashier, payment, signed and encrypted notification, query', async () => {
    const created = await native('QZ20261206000001');
    expect(created.status).toBe(200);
    expect(created.data.code_url).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[0-9a-f]+$/);
    const token = new URL(created.data.code_url as string).searchParams.get('pr')!;

    // The cashier shows the QR of code_url (inline SVG from the qrcode library) and the pay button.
    const page = await fetch(`${base}/sandbox/wechatpay/cashier/${token}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<svg');
    expect(html).toContain('¥12.34');
    expect((await query('QZ20261206000001')).data).toMatchObject({ trade_state: 'NOTPAY', amount: { total: 1234 } });

    const paid = await fetch(`${base}/sandbox/wechatpay/cashier/${token}/pay`, { method: 'POST' });
    expect(await paid.text()).toContain('支付成功');
    await sandbox.deliverDue();
    expect(received).toHaveLength(1);
    const { envelope, resource } = openNotification(received[0]!);
    expect(envelope).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource' });
    expect(resource).toMatchObject({
      mchid: MCHID,
      appid: APPID,
      out_trade_no: 'QZ20261206000001',
      trade_state: 'SUCCESS',
      trade_type: 'NATIVE',
      amount: { total: 1234, payer_total: 1234, currency: 'CNY' },
    });
    expect(resource.success_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const after = await query('QZ20261206000001');
    expect(after.data).toMatchObject({ trade_state: 'SUCCESS', transaction_id: resource.transaction_id });
    const byId = await api(wxpay, 'v3/pay/transactions/id/{transaction_id}').get({
      params: { mchid: MCHID },
      transaction_id: resource.transaction_id,
    });
    expect(byId.data.out_trade_no).toBe('QZ20261206000001');

    // Acknowledged (204): never sent again.
    await sandbox.deliverDue();
    expect(received).toHaveLength(1);
  });

  it('H5 pay returns an h5_url to the cashier; close refuses a paid order and closes an open one', async () => {
    const h5 = await api(wxpay, 'v3/pay/transactions/h5').post({
      appid: APPID,
      mchid: MCHID,
      description: '圈子钱包充值',
      out_trade_no: 'QZ20261206000002',
      notify_url: notifyUrl,
      amount: { total: 500 },
      scene_info: { payer_client_ip: '127.0.0.1', h5_info: { type: 'Wap' } },
    });
    expect(h5.data.h5_url).toMatch(new RegExp(`^${base}/sandbox/wechatpay/cashier/`));
    expect((await fetch(h5.data.h5_url as string)).status).toBe(200);

    await native('QZ20261206000003');
    const closed = await api(wxpay, 'v3/pay/transactions/out-trade-no/{out_trade_no}/close').post(
      { mchid: MCHID },
      { out_trade_no: 'QZ20261206000003' },
    );
    expect(closed.status).toBe(204);
    expect((await query('QZ20261206000003')).data.trade_state).toBe('CLOSED');

    await sandbox.payNow(MCHID, 'QZ20261206000002');
    await expect(
      api(wxpay, 'v3/pay/transactions/out-trade-no/{out_trade_no}/close').post({ mchid: MCHID }, { out_trade_no: 'QZ20261206000002' }),
    ).rejects.toMatchObject({ response: { status: 400, data: { code: 'ORDERPAID' } } });
  });

  it('JSAPI: prepay_id, the bridge parameters signed by the merchant open the payment, the payer is the given openid', async () => {
    const openid = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
    const res = await api(wxpay, 'v3/pay/transactions/jsapi').post({
      appid: APPID,
      mchid: MCHID,
      description: '圈子钱包充值',
      out_trade_no: 'QZ20261206000010',
      notify_url: notifyUrl,
      amount: { total: 666, currency: 'CNY' },
      payer: { openid },
    });
    expect(res.data.prepay_id).toMatch(/^wx[0-9a-f]{24}$/);
    const timeStamp = String(Formatter.timestamp());
    const nonceStr = Formatter.nonce();
    const pkg = `prepay_id=${res.data.prepay_id as string}`;
    const paySign = Rsa.sign(Formatter.joinedByLineFeed(APPID, timeStamp, nonceStr, pkg), merchant.privateKey);
    const bridge = (sign: string) =>
      fetch(
        `${base}/sandbox/wechatpay/jsapi?${new URLSearchParams({ appId: APPID, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: sign })}`,
      );
    const page = await bridge(paySign);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('¥6.66');
    expect((await bridge(Rsa.sign('forged', merchant.privateKey))).status).toBe(400);
    // Not reachable as a plain link.
    expect((await fetch(`${base}/sandbox/wechatpay/cashier/${res.data.prepay_id as string}`)).status).toBe(404);
    await fetch(`${base}/sandbox/wechatpay/cashier/${res.data.prepay_id as string}/pay`, { method: 'POST' });
    await sandbox.deliverDue();
    const { resource } = openNotification(received.at(-1)!);
    expect(resource).toMatchObject({ trade_type: 'JSAPI', trade_state: 'SUCCESS', payer: { openid }, amount: { total: 666 } });
  });

  it('a repeated out_trade_no returns the same code_url; a changed amount is refused', async () => {
    const a = await native('QZ20261206000004', 100);
    const b = await native('QZ20261206000004', 100);
    expect(b.data.code_url).toBe(a.data.code_url);
    await expect(native('QZ20261206000004', 101)).rejects.toMatchObject({ response: { status: 400, data: { code: 'INVALID_REQUEST' } } });
  });

  it('refunds: partial, then the rest, never more than paid; refund notification; query', async () => {
    await native('QZ20261206000005', 1000);
    await sandbox.payNow(MCHID, 'QZ20261206000005');
    const refund = (no: string, amount: number) =>
      api(wxpay, 'v3/refund/domestic/refunds').post({
        out_trade_no: 'QZ20261206000005',
        out_refund_no: no,
        reason: '冷静期撤单',
        notify_url: notifyUrl,
        amount: { refund: amount, total: 1000, currency: 'CNY' },
      });
    const first = await refund('RF000001', 300);
    expect(first.data).toMatchObject({ status: 'PROCESSING', out_refund_no: 'RF000001', amount: { refund: 300, total: 1000 } });
    // The same out_refund_no again: the same refund, not a second one.
    expect((await refund('RF000001', 300)).data.refund_id).toBe(first.data.refund_id);
    await expect(refund('RF000002', 701)).rejects.toMatchObject({ response: { status: 403, data: { code: 'NOT_ENOUGH' } } });
    // One out_refund_no sent twice at once (a request and its retry racing): one refund, never NOT_ENOUGH.
    const [x, y] = await Promise.all([refund('RF000009', 100), refund('RF000009', 100)]);
    expect(x.data.refund_id).toBe(y.data.refund_id);
    await refund('RF000002', 600);

    expect(await sandbox.settleRefundNow(MCHID, 'RF000001')).toBe(true);
    await sandbox.deliverDue();
    const { envelope, resource } = openNotification(received.at(-1)!);
    expect(envelope.event_type).toBe('REFUND.SUCCESS');
    expect(resource).toMatchObject({ out_refund_no: 'RF000001', refund_status: 'SUCCESS', amount: { refund: 300, total: 1000 } });
    const q = await api(wxpay, 'v3/refund/domestic/refunds/{out_refund_no}').get({ out_refund_no: 'RF000001' });
    expect(q.data).toMatchObject({ status: 'SUCCESS', refund_id: first.data.refund_id });
    expect((await query('QZ20261206000005')).data.trade_state).toBe('REFUND');
  });

  it('商家转账 (transfer batches): accepted, finished, notified, queried with its detail', async () => {
    const created = await api(wxpay, 'v3/transfer/batches').post({
      appid: APPID,
      out_batch_no: 'WD20261206000001',
      batch_name: '圈子提现',
      batch_remark: '圈子提现',
      total_amount: 8800,
      total_num: 1,
      transfer_detail_list: [
        { out_detail_no: 'WD20261206000001', transfer_amount: 8800, transfer_remark: '圈子提现', openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      ],
      notify_url: notifyUrl,
    });
    expect(created.data).toMatchObject({ out_batch_no: 'WD20261206000001', batch_status: 'ACCEPTED' });
    expect(await sandbox.settleTransferNow(MCHID, 'WD20261206000001')).toBe(true);
    await sandbox.deliverDue();
    const { envelope, resource } = openNotification(received.at(-1)!);
    expect(envelope.event_type).toBe('MCHTRANSFER.BATCH.FINISHED');
    expect(resource).toMatchObject({ out_batch_no: 'WD20261206000001', batch_status: 'FINISHED', success_num: 1, success_amount: 8800 });
    const q = await api(wxpay, 'v3/transfer/batches/out-batch-no/{out_batch_no}').get({
      params: { need_query_detail: true, detail_status: 'ALL' },
      out_batch_no: 'WD20261206000001',
    });
    expect(q.data.transfer_batch).toMatchObject({ batch_status: 'FINISHED', success_amount: 8800 });
    expect(q.data.transfer_detail_list[0]).toMatchObject({ out_detail_no: 'WD20261206000001', detail_status: 'SUCCESS' });

    // The operating account's fund flow bill (资金账单) shows it the next day.
    const day = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    clock.advance(24 * 3600_000);
    const meta = await api(wxpay, 'v3/bill/fundflowbill').get({ params: { bill_date: day, account_type: 'OPERATION' } });
    const token = new URL(meta.data.download_url as string).searchParams.get('token');
    const file = await api(wxpay, 'v3/billdownload/file').get({ params: { token }, responseType: 'arraybuffer' });
    const bytes = Buffer.from(file.data as ArrayBuffer);
    expect(crypto.createHash('sha1').update(bytes).digest('hex')).toBe(meta.data.hash_value);
    const { rows, summary } = Formatter.castCsvBill(bytes) as { rows: Record<string, string>[]; summary: Record<string, string> };
    expect(rows.map((r) => [r['业务名称'], r['收支类型'], r['收支金额（元）'], r['业务凭证号']])).toEqual([
      ['商家转账', '支出', '88.00', 'WD20261206000001'],
    ]);
    expect(summary).toMatchObject({ 资金流水总笔数: '1', 支出金额: '88.00' });
  });

  it('trade bill: tradebill → download_url → the bill text the library parses', async () => {
    await native('QZ20261206000006', 1000);
    await sandbox.payNow(MCHID, 'QZ20261206000006');
    await native('QZ20261206000007', 250);
    await sandbox.payNow(MCHID, 'QZ20261206000007');
    await api(wxpay, 'v3/refund/domestic/refunds').post({
      out_trade_no: 'QZ20261206000006',
      out_refund_no: 'RF000003',
      amount: { refund: 400, total: 1000, currency: 'CNY' },
    });
    await sandbox.settleRefundNow(MCHID, 'RF000003');
    const day = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    // Today's bill is not out yet.
    await expect(api(wxpay, 'v3/bill/tradebill').get({ params: { bill_date: day, bill_type: 'ALL' } })).rejects.toMatchObject({
      response: { status: 400, data: { code: 'NO_STATEMENT_EXIST' } },
    });
    clock.advance(24 * 3600_000);
    const meta = await api(wxpay, 'v3/bill/tradebill').get({ params: { bill_date: day, bill_type: 'ALL' } });
    expect(meta.data.hash_type).toBe('SHA1');
    const token = new URL(meta.data.download_url as string).searchParams.get('token');
    const file = await api(wxpay, 'v3/billdownload/file').get({ params: { token }, responseType: 'arraybuffer' });
    const bytes = Buffer.from(file.data as ArrayBuffer);
    expect(crypto.createHash('sha1').update(bytes).digest('hex')).toBe(meta.data.hash_value);
    const { rows, summary } = Formatter.castCsvBill(bytes) as { rows: Record<string, string>[]; summary: Record<string, string> };
    expect(rows.map((r) => [r['商户订单号'], r['交易状态'], r['应结订单金额'], r['退款金额']])).toEqual([
      ['QZ20261206000006', 'SUCCESS', '10.00', '0.00'],
      ['QZ20261206000007', 'SUCCESS', '2.50', '0.00'],
      ['QZ20261206000006', 'REFUND', '0.00', '4.00'],
    ]);
    expect(summary).toMatchObject({ 总交易单数: '3', 应结订单总金额: '12.50', 退款总金额: '4.00' });
  });

  it('refuses a wrong signature, an unknown serial, an expired timestamp; the library rejects a forged answer', async () => {
    const stranger = generateKeyPair();
    await expect(api(client({ privateKey: stranger.privateKey }), 'v3/pay/transactions/native').post({})).rejects.toMatchObject({
      response: { status: 401, data: { code: 'SIGN_ERROR' } },
    });
    await expect(api(client({ serial: 'ABCDEF' }), 'v3/pay/transactions/native').post({})).rejects.toMatchObject({
      response: { status: 401, data: { code: 'SIGN_ERROR' } },
    });
    // An old timestamp, signed correctly.
    const ts = String(Math.floor(Date.now() / 1000) - 3600);
    const path = `/sandbox/wechatpay/v3/pay/transactions/out-trade-no/X1?mchid=${MCHID}`;
    const sig = Rsa.sign(Formatter.request('GET', path, ts, 'n0nce', ''), merchant.privateKey);
    const old = await fetch(`${base}${path}`, { headers: { authorization: Formatter.authorization(MCHID, 'n0nce', sig, ts, serial) } });
    expect(old.status).toBe(401);
    // A client pinned to another platform key refuses the sandbox's (correctly signed) answers.
    const other = generateKeyPair();
    await expect(
      api(client({ certs: { [platform.keyId]: other.publicKey } }), 'v3/pay/transactions/native').post({
        appid: APPID,
        mchid: MCHID,
        description: 'x',
        out_trade_no: 'QZ20261206000008',
        notify_url: notifyUrl,
        amount: { total: 1 },
      }),
    ).rejects.toMatchObject({ code: 'EV3_RES_HEADER_SIGNATURE_DIGEST' });
    // Bad input after authentication: a stable code, never 500.
    await expect(api(wxpay, 'v3/pay/transactions/native').post({ mchid: MCHID })).rejects.toMatchObject({
      response: { status: 400, data: { code: 'PARAM_ERROR' } },
    });
  });

  it("retries an unacknowledged notification on WeChat Pay's schedule, signed afresh each time", async () => {
    answer = () => ({ status: 500, body: JSON.stringify({ code: 'FAIL', message: '失败' }) });
    await native('QZ20261206000009');
    await sandbox.payNow(MCHID, 'QZ20261206000009');
    await sandbox.deliverDue();
    await sandbox.deliverDue(); // not due yet
    expect(received).toHaveLength(1);
    answer = () => ({ status: 200, body: '' });
    clock.advance(15_000);
    await sandbox.deliverDue();
    expect(received).toHaveLength(2);
    const [a, b] = received.map(openNotification);
    expect(b!.envelope.id).toBe(a!.envelope.id);
    expect(received[1]!.headers['wechatpay-nonce']).not.toBe(received[0]!.headers['wechatpay-nonce']);
    clock.advance(3600_000);
    await sandbox.deliverDue();
    expect(received).toHaveLength(2);
  });
});
