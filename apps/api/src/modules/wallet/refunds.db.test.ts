import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../platform/clock.js';
import { notifySignContent, rsa2Sign } from '../../sandbox-gateway/alipay-sign.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { PAYMENT_PASSWORD, eventually, http, newKey, payTopUp, verifiedMembers } from '../../../test/wallet-flows.js';

/**
 * Refunds of credited top-ups (issue 13 item 4), end to end: the console request, the ledger, the
 * official alipay-sdk against the sandbox (alipay.trade.refund, fastpay.refund.query), the refund
 * notification, and the day's bill.
 */
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;

const wallet = async (token: string) => (await http(sys(), { path: '/api/v1/wallet', token })).json();
const refund = (token: string, orderId: string, body: Record<string, unknown>, key: string | null = newKey()) =>
  http(sys(), { method: 'POST', path: `/api/v1/console/wallet/orders/${orderId}/refunds`, token, body, key });
const expectBooksBalanced = async () => {
  expect(await sys().modules.ledger.verify()).toMatchObject({ ok: true });
  expect((await sys().modules.ledger.trialBalance('zh-CN')).total).toBe('0');
};

async function fund(member: { token: string }, amount: string): Promise<string> {
  const res = await http(sys(), {
    method: 'POST',
    path: '/api/v1/wallet/top-ups',
    token: member.token,
    body: { amount, channel: 'alipay' },
    key: newKey(),
  });
  expect(res.status, res.text).toBe(201);
  expect(res.json().order.channel).toBe('alipay');
  await payTopUp(sys(), res.json().payUrl);
  await eventually(async () =>
    expect((await http(sys(), { path: `/api/v1/wallet/orders/${res.json().orderId}`, token: member.token })).json().status).toBe(
      'succeeded',
    ),
  );
  return res.json().orderId as string;
}

/** The sandbox's own record of a trade's refunds: what really left the merchant's account. */
const refundedAtGateway = async (orderId: string) =>
  (
    await sql<{ refunded_fen: string }>`SELECT refunded_fen::text FROM sandbox_payments WHERE out_trade_no = ${orderId}`.execute(
      sys().platform.db,
    )
  ).rows[0]?.refunded_fen;

describe('refunds of a top-up', () => {
  it('refunds part, then the rest, never more than paid; frozen then gone; audited; notification deduplicated', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const orderId = await fund(m!, '10000');
    const finance = await operatorLogin(sys().app, 'finance');

    const first = await refund(finance, orderId, { amount: '3000', reason: '冷静期内撤销投资' });
    expect(first.status, first.text).toBe(201);
    expect(first.json()).toMatchObject({ orderId, amount: '3000', status: 'succeeded', channel: 'alipay', reason: '冷静期内撤销投资' });
    expect(await wallet(m!.token)).toMatchObject({ available: '7000', frozen: '0' });
    expect(await refundedAtGateway(orderId)).toBe('3000');

    const over = await refund(finance, orderId, { amount: '7001', reason: '多退' });
    expect(over.status).toBe(422);
    expect(over.json().error.code).toBe('REFUND_EXCEEDS_PAID');
    const rest = await refund(finance, orderId, { amount: '7000', reason: '订单失败，全额退回' });
    expect(rest.json()).toMatchObject({ status: 'succeeded', amount: '7000' });
    expect((await refund(finance, orderId, { amount: '1', reason: 'x' })).json().error.code).toBe('REFUND_EXCEEDS_PAID');
    expect(await wallet(m!.token)).toMatchObject({ available: '0', frozen: '0' });
    expect(await refundedAtGateway(orderId)).toBe('10000');

    const list = (await http(sys(), { path: `/api/v1/console/wallet/orders/${orderId}/refunds`, token: finance })).json();
    // One Shanghai instant for both under the test clock: the order between them is not asserted.
    expect(list.map((r: { amount: string; status: string }) => [r.amount, r.status]).sort()).toEqual([
      ['3000', 'succeeded'],
      ['7000', 'succeeded'],
    ]);
    const statement = (await http(sys(), { path: '/api/v1/wallet/statements', token: m!.token })).json();
    expect(statement.items.slice(0, 2).map((i: { memo: string }) => i.memo)).toEqual(['充值退款处理中', '充值退款处理中']);
    const frozen = (await http(sys(), { path: '/api/v1/wallet/statements?account=frozen', token: m!.token })).json();
    expect(frozen.items.filter((i: { memo: string }) => i.memo === '充值退款原路退回')).toHaveLength(2);

    const audit = await sql<{ n: number }>`
      SELECT COUNT(*)::int AS n FROM audit_log WHERE action = 'wallet.refund.requested' AND target_id = ${orderId}`.execute(
      sys().platform.db,
    );
    expect(audit.rows[0]!.n).toBe(2);

    // The sandbox's refund notifications (trade_status_sync with refund_fee) arrive too: verified, recorded, booked nothing more.
    await eventually(async () => {
      const { rows } = await sql<{ outcome: string }>`
        SELECT outcome FROM wallet_gateway_events WHERE kind = 'refund' AND order_id = ${orderId}`.execute(sys().platform.db);
      expect(rows.map((r) => r.outcome)).toEqual(['ignored_state', 'ignored_state']);
    });
    // The full refund's TRADE_CLOSED does not close (or otherwise touch) the credited order.
    expect((await http(sys(), { path: `/api/v1/wallet/orders/${orderId}`, token: m!.token })).json().status).toBe('succeeded');
    await expectBooksBalanced();
  });

  it('is idempotent by key, and concurrent refunds together never exceed what was paid', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const orderId = await fund(m!, '10000');
    const finance = await operatorLogin(sys().app, 'finance');
    const key = newKey();
    const a = await refund(finance, orderId, { amount: '1000', reason: '撤销' }, key);
    const b = await refund(finance, orderId, { amount: '1000', reason: '撤销' }, key);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    expect((await refund(finance, orderId, { amount: '2000', reason: '撤销' }, key)).json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const results = await Promise.all(Array.from({ length: 6 }, () => refund(finance, orderId, { amount: '3000', reason: '并发' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422, 422]);
    expect(await wallet(m!.token)).toMatchObject({ available: '0', frozen: '0' });
    expect(await refundedAtGateway(orderId)).toBe('10000');
    await expectBooksBalanced();
  });

  it('refuses what cannot be refunded, with stable codes, writing nothing', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const orderId = await fund(m!, '5000');
    const finance = await operatorLogin(sys().app, 'finance');
    const pending = (
      await http(sys(), { method: 'POST', path: '/api/v1/wallet/top-ups', token: m!.token, body: { amount: '100' }, key: newKey() })
    ).json();
    expect((await refund(finance, pending.orderId, { amount: '100', reason: 'x' })).json().error.code).toBe('REFUND_NOT_ALLOWED');
    const w = await http(sys(), {
      method: 'POST',
      path: '/api/v1/wallet/withdrawals',
      token: m!.token,
      body: { amount: '1000', paymentPassword: PAYMENT_PASSWORD },
      key: newKey(),
    });
    expect(w.status, w.text).toBe(201);
    const refused = await refund(finance, w.json().id, { amount: '100', reason: 'x' });
    expect([refused.status, refused.json().error.code]).toEqual([409, 'REFUND_NOT_ALLOWED']);
    expect((await refund(finance, '00000000-0000-4000-8000-000000000000', { amount: '100', reason: 'x' })).status).toBe(404);
    for (const amount of ['0', '-1', '1.5', 'abc'])
      expect((await refund(finance, orderId, { amount, reason: 'x' })).json().error.code).toBe('AMOUNT_INVALID');
    expect((await refund(finance, orderId, { amount: '100', reason: '' })).status).toBe(400);
    expect((await refund(finance, orderId, { amount: '100', reason: 'x' }, null)).json().error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    // The member spent part of it: what is left of the credit cannot be refunded beyond the balance.
    expect(await wallet(m!.token)).toMatchObject({ available: '4000', frozen: '1000' });
    const spent = await refund(finance, orderId, { amount: '4500', reason: 'x' });
    expect([spent.status, spent.json().error.code]).toEqual([409, 'INSUFFICIENT_BALANCE']);
    // Authenticated before anything else; only finance may refund.
    const service = await operatorLogin(sys().app, 'service');
    expect((await refund(service, orderId, { amount: '100', reason: 'x' })).status).toBe(403);
    expect((await refund('nope', orderId, { amount: 'junk' })).status).toBe(401);
    expect((await http(sys(), { path: `/api/v1/console/wallet/orders/${orderId}/refunds`, token: finance })).json()).toEqual([]);
    expect(await refundedAtGateway(orderId)).toBe('0');
    await expectBooksBalanced();
  });

  it('stays pending while the provider is unreachable and is sent by the job, once; then reconciles with the bill', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const orderId = await fund(m!, '8000');
    const finance = await operatorLogin(sys().app, 'finance');
    await sys().platform.outbox.stop(); // no outbox retry: the job alone must recover it
    const origin = sys().platform.config.publicOrigin;
    let refundId: string;
    try {
      sys().platform.config.publicOrigin = 'http://127.0.0.1:9';
      const res = await refund(finance, orderId, { amount: '2500', reason: '冷静期撤销' });
      expect(res.status, res.text).toBe(201);
      expect(res.json().status).toBe('pending');
      refundId = res.json().id;
      expect(await wallet(m!.token)).toMatchObject({ available: '5500', frozen: '2500' });
      sys().platform.config.publicOrigin = origin;
      sys().clock.advance(61_000);
      const polled = await sys().modules.wallet.pollStuckOrders(sys().clock.now());
      expect(polled.refunds).toBe(1);
    } finally {
      sys().platform.config.publicOrigin = origin;
      await sys().platform.outbox.start();
    }
    const after = (await http(sys(), { path: `/api/v1/console/wallet/orders/${orderId}/refunds`, token: finance })).json();
    expect(after).toMatchObject([{ id: refundId, status: 'succeeded' }]);
    expect(await wallet(m!.token)).toMatchObject({ available: '5500', frozen: '0' });
    expect(await refundedAtGateway(orderId)).toBe('2500');

    // The day's bill lists the payment and the refund: both match and both settle to the custodian.
    const day = shanghaiDay(sys().clock.now());
    const run = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/wallet/reconciliation/runs',
      token: finance,
      body: { billDate: day },
      key: newKey(),
    });
    expect(run.status, run.text).toBe(201);
    const items = (
      await http(sys(), { path: `/api/v1/console/wallet/reconciliation/items?billDate=${day}&status=open`, token: finance })
    ).json();
    expect(items.items.filter((i: { orderId: string | null }) => i.orderId === orderId)).toEqual([]);
    const settled = await sql<{ n: number }>`
      SELECT COUNT(*)::int AS n FROM wallet_refunds WHERE id = ${refundId} AND settled_at IS NOT NULL`.execute(sys().platform.db);
    expect(settled.rows[0]!.n).toBe(1);
    await expectBooksBalanced();
  });

  it('acknowledges notifications for unknown orders and refunds without moving money, and refuses forged transfer notices', async () => {
    const gatewayKey = (await sql<{ private_key: string }>`SELECT private_key FROM sandbox_keys LIMIT 1`.execute(sys().platform.db))
      .rows[0]!.private_key;
    const post = (params: Record<string, string>, key = gatewayKey) =>
      fetch(`${sys().url}/api/v1/payments/callbacks/alipay`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...params, sign_type: 'RSA2', sign: rsa2Sign(notifySignContent(params), key) }).toString(),
      }).then((r) => r.text());
    const [m] = await verifiedMembers(sys(), 1);
    const orderId = await fund(m!, '1000');
    const unknownOrder = {
      notify_type: 'trade_status_sync',
      notify_id: `unknown-${newKey()}`,
      app_id: 'quanzi-sandbox',
      out_trade_no: '00000000-0000-4000-8000-000000000001',
      trade_no: '2026112422000000000000000009',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '1000.00',
    };
    expect(await post(unknownOrder)).toBe('success');
    const unknownRefund = {
      ...unknownOrder,
      notify_id: `refund-${newKey()}`,
      out_trade_no: orderId,
      out_biz_no: newKey(),
      refund_fee: '10.00',
      send_back_fee: '10.00',
    };
    expect(await post(unknownRefund)).toBe('success');
    const { rows } = await sql<{ outcome: string }>`
      SELECT outcome FROM wallet_gateway_events WHERE event_id IN (${`alipay:${unknownOrder.notify_id}`}, ${`alipay:${unknownRefund.notify_id}`})`.execute(
      sys().platform.db,
    );
    expect(rows.map((r) => r.outcome)).toEqual(['unknown_order', 'unknown_order']);
    // A transfer notice signed by someone else is refused and kept for finance.
    const stranger = (await import('node:crypto')).generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const transfer = {
      notify_id: `transfer-${newKey()}`,
      msg_method: 'alipay.fund.trans.order.changed',
      app_id: 'quanzi-sandbox',
      utc_timestamp: String(Date.now()),
      biz_content: JSON.stringify({ out_biz_no: orderId, order_id: '01', status: 'SUCCESS', trans_amount: '10.00' }),
    };
    expect(await post(transfer, stranger.privateKey)).toBe('fail');
    expect(await wallet(m!.token)).toMatchObject({ available: '1000', frozen: '0' });
    await expectBooksBalanced();
  });
});
