import net from 'node:net';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { PAYMENT_PASSWORD, eventually, http, newKey, openCashier, payTopUp, verifiedMembers } from '../../../test/wallet-flows.js';

// Under a full parallel run this file's system closes after minutes of gateway retries, not seconds.
vi.setConfig({ hookTimeout: 180_000 });

/**
 * Crash safety of the gateway calls (issue 13 item 5). The crash points are made deterministic:
 * the gateway is unreachable at the moment the request would call it (the order committed, no
 * provider request was made — what a kill -9 between the commit and the call leaves behind), or
 * the worker is stopped (the process that would have run an in-process after-commit hook is gone).
 */
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;

const wallet = async (token: string) => (await http(sys(), { path: '/api/v1/wallet', token })).json();
const topUp = (token: string, amount: string, key: string = newKey()) =>
  http(sys(), { method: 'POST', path: '/api/v1/wallet/top-ups', token, body: { amount }, key });
const withdraw = (token: string, amount: string, key: string = newKey()) =>
  http(sys(), { method: 'POST', path: '/api/v1/wallet/withdrawals', token, body: { amount, paymentPassword: PAYMENT_PASSWORD }, key });
const orders = async (token: string, type: 'top_up' | 'withdrawal') =>
  (await http(sys(), { path: `/api/v1/wallet/orders?type=${type}`, token })).json() as {
    total: number;
    items: Array<{ id: string; status: string; payUrl: string | null }>;
  };
const gatewayRef = async (orderId: string) => {
  const { rows } = await sql<{ gateway_ref: string | null }>`SELECT gateway_ref FROM wallet_orders WHERE id = ${orderId}`.execute(
    sys().platform.db,
  );
  return rows[0]!.gateway_ref;
};

/** The gateway is reached at `publicOrigin` (read per call): point it nowhere, as if the call never left. */
async function withGatewayDown<T>(run: () => Promise<T>): Promise<T> {
  const origin = sys().platform.config.publicOrigin;
  sys().platform.config.publicOrigin = 'http://127.0.0.1:9';
  try {
    return await run();
  } finally {
    sys().platform.config.publicOrigin = origin;
  }
}

async function fund(member: { token: string }, amount: string) {
  const res = await topUp(member.token, amount);
  expect(res.status, res.text).toBe(201);
  await payTopUp(sys(), res.json().payUrl);
  await eventually(async () => expect(BigInt((await wallet(member.token)).available)).toBeGreaterThanOrEqual(BigInt(amount)));
}

describe('a top-up whose provider payment was never created', () => {
  it('does not need the gateway: the pay URL is the SDK-signed redirect to the cashier, built locally', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const key = newKey();
    // Alipay's wap pay creates the trade when the buyer opens the page: an outage at top-up time costs nothing.
    const first = await withGatewayDown(() => topUp(m!.token, '1234', key));
    expect(first.status, first.text).toBe(201);
    expect(first.json().payUrl).toMatch(/\/sandbox\/alipay\/gateway\.do\?.*method=alipay\.trade\.wap\.pay/);
    const retry = await topUp(m!.token, '1234', key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await orders(m!.token, 'top_up')).total).toBe(1);
    const [order] = (await orders(m!.token, 'top_up')).items;
    // The provider's trade exists once the buyer opens the page; its id arrives with the notification.
    expect(await gatewayRef(order!.id)).toBeNull();
    const trades = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM sandbox_payments WHERE out_trade_no = ${order!.id}`.execute(
      sys().platform.db,
    );
    expect(trades.rows[0]!.n).toBe(0);
  });

  it('is made payable by the stuck-order job within a minute when the step never ran', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const res = await topUp(m!.token, '2345');
    // What a kill -9 between the order's commit and its step leaves behind.
    await sql`UPDATE wallet_orders SET pay_url = NULL WHERE id = ${res.json().orderId}`.execute(sys().platform.db);
    const [order] = (await orders(m!.token, 'top_up')).items;
    expect(order).toMatchObject({ status: 'pending', payUrl: null });

    sys().clock.advance(20_000);
    const polled = await sys().modules.wallet.pollStuckOrders(sys().clock.now());
    expect(polled.changed).toBeGreaterThanOrEqual(1);
    const after = (await http(sys(), { path: `/api/v1/wallet/orders/${order!.id}`, token: m!.token })).json();
    expect(after.status).toBe('pending');
    expect(after.payUrl).toMatch(/\/sandbox\/alipay\/gateway\.do\?/);

    await payTopUp(sys(), after.payUrl);
    await eventually(async () => expect((await wallet(m!.token)).available).toBe('2345'));
    expect(await gatewayRef(order!.id)).toMatch(/^\d{28}$/);
  });
});

describe('a withdrawal whose payout was never submitted', () => {
  const payoutEvent = async (orderId: string) => {
    const { rows } = await sql<{ attempts: number; dispatched: boolean }>`
      SELECT attempts, dispatched_at IS NOT NULL AS dispatched FROM outbox_events
      WHERE name = 'wallet.payout_requested' AND payload->>'orderId' = ${orderId}`.execute(sys().platform.db);
    return rows;
  };
  const payoutsAtGateway = async (orderId: string) => {
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM sandbox_payouts WHERE out_biz_no = ${orderId}`.execute(
      sys().platform.db,
    );
    return rows[0]!.n;
  };
  const expectPaid = async (member: { token: string }, orderId: string, available: string) => {
    const ref = await eventually(async () => {
      const r = await gatewayRef(orderId);
      expect(r).toBeTruthy();
      return r!;
    });
    await sys().modules.sandboxGateway.succeedPayoutNow(ref);
    await eventually(async () => expect(await wallet(member.token)).toMatchObject({ available, frozen: '0' }));
    expect((await http(sys(), { path: `/api/v1/wallet/orders/${orderId}`, token: member.token })).json().status).toBe('succeeded');
    expect(await payoutsAtGateway(orderId)).toBe(1);
    expect((await sys().modules.ledger.trialBalance('zh-CN')).total).toBe('0');
  };

  it('is submitted by the durable step written with the freeze, retried until the gateway answers', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '5000');
    const res = await withGatewayDown(async () => {
      const r = await withdraw(m!.token, '3000');
      expect(r.status, r.text).toBe(201);
      // The step committed with the withdrawal, and its first attempt failed while the gateway was unreachable.
      await eventually(async () => expect((await payoutEvent(r.json().id))[0]?.attempts).toBeGreaterThanOrEqual(1));
      return r;
    });
    expect(res.json()).toMatchObject({ status: 'paying' });
    await expectPaid(m!, res.json().id, '2000');
    expect(await payoutEvent(res.json().id)).toMatchObject([{ dispatched: true }]);
  });

  it('is submitted when the worker comes back after dying right after the commit', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '4000');
    await sys().platform.outbox.stop(); // the process that would have run an after-commit hook is gone
    let orderId: string;
    try {
      const res = await withdraw(m!.token, '1500');
      expect(res.status, res.text).toBe(201);
      orderId = res.json().id;
      await new Promise((r) => setTimeout(r, 300));
      expect(await gatewayRef(orderId)).toBeNull();
      expect(await payoutEvent(orderId)).toMatchObject([{ attempts: 0, dispatched: false }]);
    } finally {
      await sys().platform.outbox.start(); // the restart
    }
    await expectPaid(m!, orderId, '2500');
  });

  it('is submitted by the stuck-order job within a minute, once, when its step could not run', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '3000');
    await sys().platform.outbox.stop();
    let orderId: string;
    try {
      const res = await withGatewayDown(() => withdraw(m!.token, '1000'));
      expect(res.status, res.text).toBe(201);
      orderId = res.json().id;
      sys().clock.advance(20_000);
      const polled = await sys().modules.wallet.pollStuckOrders(sys().clock.now());
      expect(polled.changed).toBeGreaterThanOrEqual(1);
      expect(await gatewayRef(orderId)).toBeTruthy();
      // A second pass of the job (or the step delivered late) does not submit it again.
      sys().clock.advance(20_000);
      await sys().modules.wallet.pollStuckOrders(sys().clock.now());
    } finally {
      await sys().platform.outbox.start();
    }
    await eventually(async () => expect(await payoutEvent(orderId)).toMatchObject([{ dispatched: true }]));
    await expectPaid(m!, orderId, '2000');
  });
});

describe('an idempotency claim left by a process that died', () => {
  it('expires within 15 s: the retry with the same key then runs and answers with a payable order', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const key = newKey();
    const first = await topUp(m!.token, '777', key);
    expect(first.status, first.text).toBe(201);
    // The crash: the gateway created the payment, the process died before recording it and before
    // storing the answer. Its claim stays exactly as it was taken.
    await sql`UPDATE idempotency_keys SET state = 'in_flight', response = NULL, status_code = NULL WHERE key = ${key}`.execute(
      sys().platform.db,
    );
    await sql`UPDATE wallet_orders SET gateway_ref = NULL, pay_url = NULL WHERE id = ${first.json().orderId}`.execute(sys().platform.db);

    const early = await topUp(m!.token, '777', key);
    expect(early.status).toBe(409);
    expect(early.json().error.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    sys().clock.advance(15_000);
    const retry = await topUp(m!.token, '777', key);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.json().orderId).toBe(first.json().orderId);
    // The gateway deduplicates by our order id: the new pay URL opens the same trade.
    expect(await openCashier(sys(), retry.json().payUrl)).toBe(await openCashier(sys(), first.json().payUrl));
    expect((await orders(m!.token, 'top_up')).total).toBe(1);
  });

  it('is renewed while its request is still running, so a live request is not taken over', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '999');
    const [order] = (await orders(m!.token, 'top_up')).items;
    const finance = await operatorLogin(sys().app, 'finance');
    // A gateway that accepts the connection and never answers: the refund request stays in flight.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const origin = sys().platform.config.publicOrigin;
    sys().platform.config.publicOrigin = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const key = newKey();
    const refund = () =>
      http(sys(), {
        method: 'POST',
        path: `/api/v1/console/wallet/orders/${order!.id}/refunds`,
        token: finance,
        body: { amount: '999', reason: '冷静期内撤销' },
        key,
      });
    try {
      const running = refund();
      const claim = async () =>
        (
          await sql<{ locked_until: Date; created_at: Date }>`
            SELECT locked_until, created_at FROM idempotency_keys WHERE key = ${key}`.execute(sys().platform.db)
        ).rows[0];
      await eventually(async () => expect(sockets.length).toBeGreaterThanOrEqual(1));
      const taken = (await claim())!;
      expect(taken.locked_until.getTime() - taken.created_at.getTime()).toBeLessThanOrEqual(15_000);
      sys().clock.advance(10_000);
      // The holder renews its claim every few seconds while it runs.
      await eventually(async () => expect((await claim())!.locked_until.getTime()).toBeGreaterThan(taken.locked_until.getTime()), 8_000);
      sys().clock.advance(10_000); // 20 s after the claim: a dead holder's claim would have run out
      const duplicate = await refund();
      expect(duplicate.status).toBe(409);
      expect(duplicate.json().error.code).toBe('IDEMPOTENCY_IN_FLIGHT');
      sockets.forEach((socket) => socket.destroy());
      // The provider never answered: the refund is recorded and pending, for the outbox step and the job.
      const done = await running;
      expect(done.status, done.text).toBe(201);
      expect(done.json()).toMatchObject({ status: 'pending', amount: '999' });
    } finally {
      sys().platform.config.publicOrigin = origin;
      // A connection the outbox's refund step opens from now on is dropped at once too, so no call
      // is left hanging on the silent gateway when the system closes.
      silent.removeAllListeners('connection');
      silent.on('connection', (socket) => socket.destroy());
      sockets.forEach((socket) => socket.destroy());
      silent.close();
    }
  });
});
