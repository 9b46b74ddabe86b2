import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../../../../test/harness.js';
import { PAYMENT_PASSWORD, verifiedMembers } from '../../../../test/wallet-flows.js';
import { createWalletModule } from '../../../modules/wallet/index.js';
import { toOutNo } from './index.js';

/**
 * Quanzi's WeChat Pay adapter against the sandbox over real HTTP, and the callback route into the
 * wallet's own handling. Top-ups go through the system's wallet with `channel: 'wechat'`;
 * `wechatWallet` is the same wallet (same tables and ledger) configured to pay withdrawals out
 * through WeChat Pay (商家转账), where the system's wallet uses Alipay.
 */
let sys: TestSystem;
let origin = '';
let wechatWallet: ReturnType<typeof createWalletModule>;
const callbackPath = '/api/v1/payments/callbacks/wechat';
let withdrawalId = '';
let jsapiOrderId = '';

beforeAll(async () => {
  sys = await createTestSystem({ config: { globalRateLimit: 1_000_000 } });
  await sys.app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://127.0.0.1:${(sys.app.server.address() as AddressInfo).port}`;
  sys.platform.config.publicOrigin = origin;
  const { audit, identity, ledger } = sys.modules;
  wechatWallet = createWalletModule(
    sys.platform,
    { audit, identity, ledger },
    {
      gateways: [sys.modules.wechatPay],
      payoutChannel: 'wechat',
      urls: { notify: () => `${origin}${callbackPath}`, topUpReturn: (id) => `${origin}/wallet/orders/${id}` },
    },
  );
});
afterAll(async () => sys.close());

const gateway = () => sys.modules.wechatPay;
const sandbox = () => sys.modules.wechatPaySandbox;
const client = { ip: '127.0.0.1', userAgent: 'vitest' };

async function order(id: string) {
  const { rows } = await sql<{ status: string; gateway_ref: string | null; reported_amount: bigint | null }>`
    SELECT status, gateway_ref, reported_amount FROM wallet_orders WHERE id = ${id}`.execute(sys.platform.db);
  return rows[0]!;
}
const available = async (memberId: string) => BigInt((await sys.modules.wallet.wallet(memberId)).available);
const booksBalanced = async () => {
  expect(await sys.modules.ledger.verify()).toMatchObject({ ok: true });
  expect((await sys.modules.ledger.trialBalance('zh-CN')).total).toBe('0');
};
async function mchid() {
  const { rows } = await sql<{ mchid: string; api_v3_key: string }>`SELECT mchid, api_v3_key FROM sandbox_wxpay_merchants`.execute(
    sys.platform.db,
  );
  return rows[0]!;
}
async function platformPrivateKey() {
  const { rows } = await sql<{ private_key: string }>`SELECT private_key FROM sandbox_wxpay_keys WHERE name = 'platform'`.execute(
    sys.platform.db,
  );
  return rows[0]!.private_key;
}
async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(`${origin}${callbackPath}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as { code: string; message: string }) : null };
}
/** A notification as WeChat Pay would sign it, with whatever resource and nonce the test wants. */
async function forge(
  resource: Record<string, unknown>,
  opts: { eventType?: string; nonce?: string; ts?: number; id?: string; key?: string; tamperCiphertext?: boolean } = {},
) {
  const m = await mchid();
  const iv = crypto.randomBytes(6).toString('hex');
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(opts.key ?? m.api_v3_key), Buffer.from(iv));
  cipher.setAAD(Buffer.from('transaction'));
  let ct = Buffer.concat([cipher.update(JSON.stringify({ mchid: m.mchid, ...resource })), cipher.final(), cipher.getAuthTag()]);
  if (opts.tamperCiphertext) ct = Buffer.concat([ct.subarray(0, 3), Buffer.from([ct[3]! ^ 1]), ct.subarray(4)]);
  const body = JSON.stringify({
    id: opts.id ?? crypto.randomUUID(),
    create_time: '2026-11-24T10:00:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: opts.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: ct.toString('base64'),
      associated_data: 'transaction',
      nonce: iv,
    },
  });
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? crypto.randomBytes(16).toString('hex');
  const signature = crypto
    .createSign('RSA-SHA256')
    .update(`${ts}\n${nonce}\n${body}\n`)
    .sign(await platformPrivateKey(), 'base64');
  const { keyId } = await sandbox().platformKey();
  return {
    body,
    headers: { 'wechatpay-timestamp': ts, 'wechatpay-nonce': nonce, 'wechatpay-signature': signature, 'wechatpay-serial': keyId },
  };
}
const paidResource = async (orderId: string, total: number) => ({
  appid: sys.platform.config.touch.wechat.appId,
  out_trade_no: toOutNo(orderId),
  transaction_id: `4200${Date.now()}${crypto.randomInt(1e6)}`,
  trade_type: 'H5',
  trade_state: 'SUCCESS',
  amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
});

async function startTopUp(memberId: string, amount: string) {
  const started = await sys.modules.wallet.startTopUp(memberId, { amount, channel: 'wechat' }, crypto.randomUUID());
  return started as { orderId: string; payUrl: string };
}

describe('WeChat Pay adapter: top-up', () => {
  it('creates an H5 payment, the member pays at the cashier, the encrypted notification credits the wallet once', async () => {
    const [m] = await verifiedMembers(sys, 1);
    const { orderId, payUrl } = await startTopUp(m!.memberId, '12345');
    expect(payUrl).toMatch(new RegExp(`^${origin}/sandbox/wechatpay/cashier/[0-9a-f]+\\?redirect_url=`));
    expect(await gateway().queryPayment(orderId)).toMatchObject({ state: 'pending', amount: 12345n });

    const page = await (await fetch(payUrl)).text();
    expect(page).toContain('¥123.45');
    // The member presses pay on the cashier and is offered the way back to the order page (H5 redirect_url).
    const action = /action="([^"]+\/pay[^"]*)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    const done = await (await fetch(`${origin}${action}`, { method: 'POST' })).text();
    expect(done).toContain('支付成功');
    expect(done).toContain(`href="${origin}/wallet/orders/${orderId}"`);
    sandbox().setChaos({ duplicates: 3 }); // each POST signed afresh, one notification id
    await sandbox().deliverDue();
    sandbox().setChaos({});

    expect(await available(m!.memberId)).toBe(12345n);
    const o = await order(orderId);
    expect(o.status).toBe('succeeded');
    expect(o.gateway_ref).toMatch(/^4200\d{24}$/);
    expect((await sandbox().notifications((await mchid()).mchid)).at(-1)).toMatchObject({ acknowledged_at: expect.any(Date) });
    expect(await gateway().queryPayment(orderId)).toMatchObject({ state: 'succeeded', gatewayRef: o.gateway_ref, amount: 12345n });
    await booksBalanced();
  });

  it('JSAPI inside WeChat: the signed bridge parameters open the payment; paid, the query says so', async () => {
    // One order number is one trade type at WeChat Pay: a JSAPI order of its own (no wallet order behind it).
    const orderId = crypto.randomUUID();
    const { params } = await gateway().createJsapiPayment({
      orderId,
      amount: 321n,
      subject: '圈子钱包充值',
      notifyUrl: `${origin}${callbackPath}`,
      returnUrl: '',
      openid: 'oMemberOpenid0001',
    });
    expect(params).toMatchObject({
      appId: sys.platform.config.touch.wechat.appId,
      signType: 'RSA',
      package: expect.stringMatching(/^prepay_id=wx/),
    });
    const page = await fetch(`${origin}/sandbox/wechatpay/jsapi?${new URLSearchParams({ ...params })}`);
    expect(page.status).toBe(200);
    const forged = await fetch(`${origin}/sandbox/wechatpay/jsapi?${new URLSearchParams({ ...params, nonceStr: 'changed' })}`);
    expect(forged.status).toBe(400);
    await fetch(`${origin}/sandbox/wechatpay/cashier/${params.package.slice('prepay_id='.length)}/pay`, { method: 'POST' });
    expect(await gateway().queryPayment(orderId)).toMatchObject({ state: 'succeeded', amount: 321n });
    await sandbox().deliverDue(); // no wallet order: acknowledged as unknown, nothing credited
    jsapiOrderId = orderId;
  });

  it('closes an unpaid payment; the query then reports it failed', async () => {
    const [m] = await verifiedMembers(sys, 1);
    const { orderId } = await startTopUp(m!.memberId, '100');
    await gateway().closePayment(orderId);
    expect(await gateway().queryPayment(orderId)).toMatchObject({ state: 'failed' });
    expect(await gateway().queryPayment(crypto.randomUUID())).toMatchObject({ state: 'unknown' });
  });

  it('holds an order whose notified amount differs, never crediting it; an unknown order is acknowledged and changes nothing', async () => {
    const [m] = await verifiedMembers(sys, 1);
    const { orderId } = await startTopUp(m!.memberId, '5000');
    const n = await forge(await paidResource(orderId, 50000));
    expect((await post(n.body, n.headers)).status).toBe(204);
    const o = await order(orderId);
    expect(o).toMatchObject({ status: 'held', reported_amount: 50000n });
    expect(await available(m!.memberId)).toBe(0n);

    const unknown = await forge(await paidResource(crypto.randomUUID(), 100));
    expect((await post(unknown.body, unknown.headers)).status).toBe(204);
    await booksBalanced();
  });
});

describe('WeChat Pay adapter: concurrent duplicates', () => {
  it('credits once when one notification arrives 20 times at once, each signed afresh', async () => {
    const [m] = await verifiedMembers(sys, 1);
    const { orderId } = await startTopUp(m!.memberId, '888');
    await sandbox().payNow((await mchid()).mchid, toOutNo(orderId));
    const [n] = (await sandbox().notifications((await mchid()).mchid)).filter(
      (x) => (x.resource as { out_trade_no?: string }).out_trade_no === toOutNo(orderId),
    );
    const deliveries = await Promise.all(Array.from({ length: 20 }, () => sandbox().buildNotification(n!.id)));
    const answers = await Promise.all(deliveries.map((d) => post(d.body, d.headers)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(204));
    expect(await available(m!.memberId)).toBe(888n);
    await booksBalanced();
    await sandbox().deliverDue(); // the sandbox's own delivery: acknowledged, nothing more credited
    expect(await available(m!.memberId)).toBe(888n);
  });
});

describe('WeChat Pay adapter: notifications that are refused', () => {
  async function pendingOrder() {
    const [m] = await verifiedMembers(sys, 1);
    const { orderId } = await startTopUp(m!.memberId, '700');
    return { memberId: m!.memberId, orderId };
  }
  const rejections = async () => (await sys.modules.wallet.callbackRejections(1, 100)).total;

  it('refuses a wrong signature, an expired timestamp, a replayed nonce, an undecryptable resource, a foreign key; nothing is credited and each is recorded', async () => {
    const { memberId, orderId } = await pendingOrder();
    const before = await rejections();
    const resource = await paidResource(orderId, 700);

    const tampered = await forge(resource);
    const flipped = tampered.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESs"');
    expect(await post(flipped, tampered.headers)).toMatchObject({
      status: 401,
      json: { code: 'FAIL', message: expect.stringContaining('bad_signature') },
    });

    const old = await forge(resource, { ts: Math.floor(Date.now() / 1000) - 600 });
    expect(await post(old.body, old.headers)).toMatchObject({
      status: 401,
      json: { message: expect.stringContaining('expired_timestamp') },
    });

    const broken = await forge(resource, { tamperCiphertext: true });
    expect(await post(broken.body, broken.headers)).toMatchObject({
      status: 401,
      json: { message: expect.stringContaining('undecryptable') },
    });

    const wrongKey = await forge(resource, { key: 'another32byteAPIv3keyXXXXXXXXXXX' });
    expect(await post(wrongKey.body, wrongKey.headers)).toMatchObject({
      status: 401,
      json: { message: expect.stringContaining('undecryptable') },
    });

    const bad = await post('{"id":"x"}', {
      'wechatpay-timestamp': 'now',
      'wechatpay-nonce': 'n',
      'wechatpay-signature': 's',
      'wechatpay-serial': 'k',
    });
    expect(bad.status).toBe(401);
    expect((await post('not json', {})).status).toBe(401);

    // A genuine notification, then another one under the same nonce: the second is a replay.
    const other = await pendingOrder();
    const first = await forge(await paidResource(other.orderId, 700), { nonce: 'replayed-nonce-0001' });
    expect((await post(first.body, first.headers)).status).toBe(204);
    const replay = await forge(resource, { nonce: 'replayed-nonce-0001' });
    expect(await post(replay.body, replay.headers)).toMatchObject({
      status: 401,
      json: { message: expect.stringContaining('replayed_nonce') },
    });
    // The same notification delivered again (same id, same nonce) is a duplicate: acknowledged, credited once.
    expect((await post(first.body, first.headers)).status).toBe(204);
    expect(await available(other.memberId)).toBe(700n);

    expect(await available(memberId)).toBe(0n);
    expect((await order(orderId)).status).toBe('pending');
    expect((await rejections()) - before).toBe(7);
    await booksBalanced();
  });
});

describe('WeChat Pay adapter: payouts, refunds, bill', () => {
  it('pays a withdrawal out by 商家转账 and settles it from the batch notification', async () => {
    const [m] = await verifiedMembers(sys, 1);
    const { orderId: topUpId } = await startTopUp(m!.memberId, '20000');
    await sandbox().payNow((await mchid()).mchid, toOutNo(topUpId));
    await sandbox().deliverDue();
    expect(await available(m!.memberId)).toBe(20000n);

    const w = (await wechatWallet.requestWithdrawal(
      m!.memberId,
      { amount: '5000', paymentPassword: PAYMENT_PASSWORD },
      client,
      crypto.randomUUID(),
    )) as {
      id: string;
      status: string;
    };
    expect(w.status).toBe('paying');
    withdrawalId = w.id;
    // The durable step's backstop submits the payout (the outbox is not running in this test).
    await wechatWallet.pollStuckOrders(new Date(sys.clock.now().getTime() + 20_000));
    const submitted = await order(w.id);
    expect(submitted.gateway_ref).toMatch(/^1030000\d{22}$/);
    expect(await gateway().queryPayout(w.id)).toMatchObject({ state: 'pending', amount: 5000n });

    await sandbox().settleTransferNow((await mchid()).mchid, toOutNo(w.id));
    await sandbox().deliverDue();
    expect(await order(w.id)).toMatchObject({ status: 'succeeded' });
    expect(await gateway().queryPayout(w.id)).toMatchObject({ state: 'succeeded', amount: 5000n });
    expect(await sys.modules.wallet.wallet(m!.memberId)).toMatchObject({ available: '15000', frozen: '0' });
    await booksBalanced();
  });

  it('refunds partially and fully, never more than paid; the refund notification decrypts; the trade bill lists payments and refunds', async () => {
    const [m] = await verifiedMembers(sys, 1);
    const { orderId } = await startTopUp(m!.memberId, '1000');
    await sandbox().payNow((await mchid()).mchid, toOutNo(orderId));
    await sandbox().deliverDue();

    const r1 = crypto.randomUUID();
    const first = await gateway().refund({
      orderId,
      refundId: r1,
      amount: 300n,
      orderAmount: 1000n,
      reason: '冷静期撤单',
      notifyUrl: `${origin}${callbackPath}`,
    });
    expect(first).toMatchObject({ state: 'pending', gatewayRef: expect.stringMatching(/^50\d{28}$/) });
    // The same refund id again is the same refund.
    expect(
      await gateway().refund({
        orderId,
        refundId: r1,
        amount: 300n,
        orderAmount: 1000n,
        reason: 'x',
        notifyUrl: `${origin}${callbackPath}`,
      }),
    ).toEqual(first);
    expect(
      await gateway().refund({
        orderId,
        refundId: crypto.randomUUID(),
        amount: 701n,
        orderAmount: 1000n,
        reason: 'x',
        notifyUrl: `${origin}${callbackPath}`,
      }),
    ).toMatchObject({ state: 'failed', reason: expect.stringContaining('NOT_ENOUGH') });
    const r2 = crypto.randomUUID();
    await gateway().refund({
      orderId,
      refundId: r2,
      amount: 700n,
      orderAmount: 1000n,
      reason: '全额退回',
      notifyUrl: `${origin}${callbackPath}`,
    });

    await sandbox().settleRefundNow((await mchid()).mchid, toOutNo(r1));
    expect(await gateway().queryRefund({ orderId, refundId: r1 })).toMatchObject({
      state: 'succeeded',
      amount: 300n,
      gatewayRef: first.gatewayRef,
    });
    const [pending] = (await sandbox().notifications((await mchid()).mchid)).filter((n) => n.event_type === 'REFUND.SUCCESS');
    const delivery = await sandbox().buildNotification(pending!.id);
    const check = await gateway().checkNotification({ ...delivery.headers, body: delivery.body });
    expect(check).toEqual({
      ok: true,
      event: {
        eventId: pending!.id,
        kind: 'refund',
        orderId,
        refundId: r1,
        gatewayRef: first.gatewayRef,
        state: 'succeeded',
        amount: 300n,
      },
    });
    // Through the route into the wallet: a refund the wallet never asked for is acknowledged and moves no money.
    const again = await sandbox().buildNotification(pending!.id);
    expect((await post(again.body, again.headers)).status).toBe(204);
    expect(await available(m!.memberId)).toBe(1000n);
    await sandbox().settleRefundNow((await mchid()).mchid, toOutNo(r2));

    const day = new Date(sys.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    sys.clock.advance(24 * 3600_000);
    const bill = await gateway().downloadTradeBill(day);
    expect(bill.payments).toContainEqual({ gatewayRef: expect.any(String), orderId, kind: 'payment', amount: 1000n });
    expect(bill.refunds.filter((r) => r.orderId === orderId).map((r) => [r.refundId, r.amount])).toEqual(
      expect.arrayContaining([
        [r1, 300n],
        [r2, 700n],
      ]),
    );
    // What reconciliation reads: the trade bill's payments and the fund flow's 商家转账 payouts.
    const lines = await gateway().downloadBill(day);
    expect(lines).toEqual(expect.arrayContaining(bill.payments));
    expect(lines.filter((l) => l.kind === 'payout')).toEqual([
      { gatewayRef: expect.stringMatching(/^1030000/), orderId: withdrawalId, kind: 'payout', amount: 5000n },
    ]);
    const run = await wechatWallet.reconcile(day, 'system');
    const items = await wechatWallet.reconItems({ billDate: day }, 1, 50);
    // Everything the sandbox did for wallet orders matches (four top-ups and the payout). Flagged for
    // finance: the two orders moved only by forged notifications (held 5000, credited 700), and what
    // WeChat Pay did that the wallet never asked for (the JSAPI payment of no order, the two refunds
    // this test made at the gateway directly).
    expect(run).toMatchObject({ billLines: 8, matched: 5, mismatches: 5 });
    expect(items.items.map((i) => [i.problem, i.ourAmount ?? i.billAmount]).sort()).toEqual([
      ['missing_in_bill', '5000'],
      ['missing_in_bill', '700'],
      ['missing_in_orders', '300'],
      ['missing_in_orders', '321'],
      ['missing_in_orders', '700'],
    ]);
    expect(jsapiOrderId).not.toBe('');
    sys.clock.advance(-24 * 3600_000);
  });
});
