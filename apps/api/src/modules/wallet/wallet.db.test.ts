import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { notifySignContent, rsa2Sign } from '../../sandbox-gateway/alipay-sign.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import {
  PAYMENT_PASSWORD,
  eventually,
  http,
  inFlight,
  newKey,
  openCashier,
  payTopUp,
  verifiedMembers,
} from '../../../test/wallet-flows.js';

// Every request here comes from 127.0.0.1; the per-IP limit has its own tests.
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;

const wallet = async (token: string) => (await http(sys(), { path: '/api/v1/wallet', token })).json();
const topUp = (token: string, amount: unknown, key: string | null = newKey()) =>
  http(sys(), { method: 'POST', path: '/api/v1/wallet/top-ups', token, body: { amount }, key });
const withdraw = (token: string, amount: unknown, extra: Record<string, unknown> = {}, key: string | null = newKey()) =>
  http(sys(), {
    method: 'POST',
    path: '/api/v1/wallet/withdrawals',
    token,
    body: { amount, paymentPassword: PAYMENT_PASSWORD, ...extra },
    key,
  });
/** A notification signed the way Alipay signs one: everything but sign and sign_type. */
const signParams = (params: Record<string, string>, privateKey: string) => rsa2Sign(notifySignContent(params), privateKey);
const expectBooksBalanced = async () => {
  expect(await sys().modules.ledger.verify()).toMatchObject({ ok: true });
  expect((await sys().modules.ledger.trialBalance('zh-CN')).total).toBe('0');
};

/** Tops up and pays on the sandbox, then waits for the signed callback to credit the wallet. */
async function fund(member: { token: string }, amount: string) {
  const before = BigInt((await wallet(member.token)).available);
  const res = await topUp(member.token, amount);
  expect(res.status, res.text).toBe(201);
  await payTopUp(sys(), res.json().payUrl);
  await eventually(async () => expect(BigInt((await wallet(member.token)).available)).toBe(before + BigInt(amount)));
  return res.json().orderId as string;
}

describe('wallet top-up through the sandbox gateway', () => {
  it('credits the wallet once the member pays on the gateway page, with a statement line', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const res = await topUp(m!.token, '10010');
    expect(res.status, res.text).toBe(201);
    const { orderId, payUrl } = res.json();
    // The SDK's signed wap-pay redirect: the browser goes to the gateway, which opens the cashier.
    expect(payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/alipay\/gateway\.do\?.*method=alipay\.trade\.wap\.pay/);
    const page = await fetch(payUrl);
    expect(page.url).toMatch(/\/sandbox\/pay\/\d+$/);
    expect(await page.text()).toContain('100.10');
    expect((await wallet(m!.token)).available).toBe('0');

    const pay = await fetch(`${sys().url}/sandbox/payments/${await openCashier(sys(), payUrl)}/pay`, { method: 'POST' });
    expect(pay.status).toBeLessThan(400);
    await eventually(async () => expect((await wallet(m!.token)).available).toBe('10010'));
    const order = (await http(sys(), { path: `/api/v1/wallet/orders/${orderId}`, token: m!.token })).json();
    expect(order).toMatchObject({ status: 'succeeded', amount: '10010', type: 'top_up' });
    const statement = (await http(sys(), { path: '/api/v1/wallet/statements', token: m!.token })).json();
    expect(statement.items[0]).toMatchObject({ amount: '10010', balanceAfter: '10010', memo: '充值', reference: orderId });
    await expectBooksBalanced();
  });

  it('refuses bad amounts with AMOUNT_INVALID and writes nothing', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    for (const amount of ['0', '-100', '1.5', '12.30', 'abc', '', '99999999999999999999', '1e5', 100, ' 100']) {
      const res = await topUp(m!.token, amount);
      expect(res.status, String(amount)).toBe(400);
      expect(res.json().error.code, String(amount)).toBe('AMOUNT_INVALID');
      const w = await withdraw(m!.token, amount);
      expect(w.json().error.code, String(amount)).toBe('AMOUNT_INVALID');
    }
    expect((await http(sys(), { path: '/api/v1/wallet/orders', token: m!.token })).json().total).toBe(0);
  });

  it('asks unverified members to verify first, in their language', async () => {
    const login = await http(sys(), { method: 'POST', path: '/api/v1/auth/login', body: { phone: '13800000002', password: 'Quanzi2026' } });
    const token = login.json().token;
    const res = await topUp(token, '100');
    expect(res.status).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'IDENTITY_REQUIRED', message: '请先完成实名认证并绑定银行卡' });
  });

  it('enforces the daily top-up limit per Asia/Shanghai day', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    expect((await topUp(m!.token, '4000000')).status).toBe(201);
    const over = await topUp(m!.token, '1000001');
    expect(over.status).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'DAILY_LIMIT_EXCEEDED' });
    expect(over.json().error.message).toContain('10000.00');
  });
});

describe('idempotency on money-moving requests', () => {
  it('replays the first response for the same key, refuses the key with another body, and requires a key', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const key = newKey();
    const first = await topUp(m!.token, '500', key);
    const again = await topUp(m!.token, '500', key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await topUp(m!.token, '600', key)).json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await topUp(m!.token, '600', key)).status).toBe(422);
    expect((await topUp(m!.token, '500', null)).json().error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    // Business errors are replayed too.
    const errKey = newKey();
    const refused = await withdraw(m!.token, '100', {}, errKey);
    expect(refused.json().error.code).toBe('INSUFFICIENT_BALANCE');
    const replayed = await withdraw(m!.token, '100', {}, errKey);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.json()).toEqual(refused.json());
    expect((await http(sys(), { path: '/api/v1/wallet/orders', token: m!.token })).json().total).toBe(1);
  });

  it('finds the first withdrawal when a retry comes after a crash between the business commit and the stored response', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '5000');
    const key = newKey();
    const first = await withdraw(m!.token, '1000', {}, key);
    expect(first.status, first.text).toBe(201);
    // The crash: the response was never stored and the claim's lease has run out.
    await sql`UPDATE idempotency_keys SET state = 'in_flight', response = NULL, status_code = NULL, locked_until = '2000-01-01'
              WHERE key = ${key}`.execute(sys().platform.db);
    const retry = await withdraw(m!.token, '1000', {}, key);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect((await wallet(m!.token)).available).toBe('4000');
    expect((await http(sys(), { path: '/api/v1/wallet/orders?type=withdrawal', token: m!.token })).json().total).toBe(1);
  });

  it('answers a concurrent duplicate with 409 while the first is in flight, and books once', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 8 }, () => topUp(m!.token, '700', key)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(results.filter((r) => r.status === 409).every((r) => r.json().error.code === 'IDEMPOTENCY_IN_FLIGHT')).toBe(true);
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.json().orderId)).size).toBe(1);
    expect((await http(sys(), { path: '/api/v1/wallet/orders', token: m!.token })).json().total).toBe(1);
  });
});

describe('gateway callbacks', () => {
  it('credits once when every callback arrives three times and out of order', async () => {
    const members = await verifiedMembers(sys(), 5);
    sys().modules.sandboxGateway.setChaos({ duplicates: 3, shuffle: true });
    try {
      const orders = await Promise.all(members.map((m, i) => topUp(m.token, String(1000 + i))));
      await Promise.all(orders.map((o) => payTopUp(sys(), o.json().payUrl)));
      await eventually(async () => {
        const received = await sql<{
          n: string;
        }>`SELECT COUNT(*)::text AS n FROM wallet_gateway_events WHERE event_id LIKE 'alipay:%'`.execute(sys().platform.db);
        expect(Number(received.rows[0]!.n)).toBeGreaterThanOrEqual(5);
        const pending = await sql<{
          n: string;
        }>`SELECT COUNT(*)::text AS n FROM sandbox_notifications WHERE acknowledged_at IS NULL`.execute(sys().platform.db);
        expect(pending.rows[0]!.n).toBe('0');
      });
    } finally {
      sys().modules.sandboxGateway.setChaos({ duplicates: 1, shuffle: false });
    }
    for (const [i, m] of members.entries()) expect((await wallet(m.token)).available).toBe(String(1000 + i));
    await expectBooksBalanced();
  });

  it('rejects a forged or altered callback, credits nothing and keeps it for finance', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const order = (await topUp(m!.token, '888')).json();
    await openCashier(sys(), order.payUrl);
    const { rows } = await sql<{ trade_no: string }>`SELECT trade_no FROM sandbox_payments WHERE out_trade_no = ${order.orderId}`.execute(
      sys().platform.db,
    );
    const base = {
      notify_id: `forged-${order.orderId}`,
      notify_type: 'trade_status_sync',
      app_id: 'quanzi-sandbox',
      out_trade_no: order.orderId,
      trade_no: rows[0]!.trade_no,
      trade_status: 'TRADE_SUCCESS',
      total_amount: '8.88',
      sign_type: 'RSA2',
    };
    const post = (params: Record<string, string>) =>
      fetch(`${sys().url}/api/v1/payments/callbacks/alipay`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
      });
    // Signed with a key that is not the gateway's.
    const { privateKey } = await import('node:crypto').then((c) =>
      c.generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      }),
    );
    const forged = await post({ ...base, sign: signParams(base, privateKey) });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toBe('fail');
    // Signed by the gateway, then altered.
    const gatewayKey = (await sql<{ private_key: string }>`SELECT private_key FROM sandbox_keys LIMIT 1`.execute(sys().platform.db))
      .rows[0]!.private_key;
    const genuine = { ...base, sign: signParams(base, gatewayKey) };
    expect(await (await post({ ...genuine, total_amount: '88.80' })).text()).toBe('fail');
    expect(await (await post({ ...base, sign: '' })).text()).toBe('fail');
    expect((await wallet(m!.token)).available).toBe('0');
    const finance = await operatorLogin(sys().app, 'finance');
    const rejections = (await http(sys(), { path: '/api/v1/console/wallet/callback-rejections', token: finance })).json();
    expect(rejections.items.filter((r: { params: { out_trade_no?: string } }) => r.params.out_trade_no === order.orderId)).toHaveLength(3);
    // The genuine one credits, once, even when replayed.
    expect(await (await post(genuine)).text()).toBe('success');
    expect(await (await post(genuine)).text()).toBe('success');
    expect((await wallet(m!.token)).available).toBe('888');
  });

  it('holds a top-up whose callback reports a different amount until finance decides', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const order = (await topUp(m!.token, '5000')).json();
    const gatewayKey = (await sql<{ private_key: string }>`SELECT private_key FROM sandbox_keys LIMIT 1`.execute(sys().platform.db))
      .rows[0]!.private_key;
    const params = {
      notify_id: `short-${order.orderId}`,
      notify_type: 'trade_status_sync',
      app_id: 'quanzi-sandbox',
      out_trade_no: order.orderId,
      trade_no: 'T-short',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '49.99',
      sign_type: 'RSA2',
    };
    const res = await fetch(`${sys().url}/api/v1/payments/callbacks/alipay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, sign: signParams(params, gatewayKey) }).toString(),
    });
    expect(await res.text()).toBe('success');
    expect((await wallet(m!.token)).available).toBe('0');
    const finance = await operatorLogin(sys().app, 'finance');
    const held = (await http(sys(), { path: '/api/v1/console/wallet/orders?status=held', token: finance })).json();
    expect(held.items.find((o: { id: string }) => o.id === order.orderId)).toMatchObject({ reportedAmount: '4999', amount: '5000' });
    const resolved = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/wallet/top-ups/${order.orderId}/resolve`,
      token: finance,
      key: newKey(),
      body: { action: 'credit_reported', note: '与支付机构核实，实收 49.99 元' },
    });
    expect(resolved.status, resolved.text).toBe(200);
    expect((await wallet(m!.token)).available).toBe('4999');
    await expectBooksBalanced();
  });
});

describe('withdrawals', () => {
  it('freezes, pays out to the own card and settles; statements explain each step', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '20000');
    const res = await withdraw(m!.token, '5000');
    expect(res.status, res.text).toBe(201);
    expect(res.json()).toMatchObject({ status: 'paying', amount: '5000' });
    expect(await wallet(m!.token)).toMatchObject({ available: '15000', frozen: '5000' });
    const ref = await eventually(async () => {
      const { rows } = await sql<{ gateway_ref: string | null }>`SELECT gateway_ref FROM wallet_orders WHERE id = ${res.json().id}`.execute(
        sys().platform.db,
      );
      expect(rows[0]!.gateway_ref).toBeTruthy();
      return rows[0]!.gateway_ref!;
    });
    await sys().modules.sandboxGateway.succeedPayoutNow(ref);
    await eventually(async () => expect(await wallet(m!.token)).toMatchObject({ available: '15000', frozen: '0' }));
    const frozen = (await http(sys(), { path: '/api/v1/wallet/statements?account=frozen', token: m!.token })).json();
    expect(frozen.items.map((i: { amount: string; memo: string }) => [i.amount, i.memo])).toEqual([
      ['-5000', '提现到账'],
      ['5000', '提现冻结'],
    ]);
    await expectBooksBalanced();
  });

  it('unfreezes when the bank returns the payout', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '3000');
    const res = await withdraw(m!.token, '3000');
    const ref = await eventually(async () => {
      const { rows } = await sql<{ gateway_ref: string | null }>`SELECT gateway_ref FROM wallet_orders WHERE id = ${res.json().id}`.execute(
        sys().platform.db,
      );
      expect(rows[0]!.gateway_ref).toBeTruthy();
      return rows[0]!.gateway_ref!;
    });
    await sys().modules.sandboxGateway.failPayoutNow(ref);
    await eventually(async () => expect(await wallet(m!.token)).toMatchObject({ available: '3000', frozen: '0' }));
    expect((await http(sys(), { path: `/api/v1/wallet/orders/${res.json().id}`, token: m!.token })).json().status).toBe('failed');
  });

  it('refuses insufficient balance, a wrong payment password, and a card the member does not own — writing nothing', async () => {
    const [m, other] = await verifiedMembers(sys(), 2);
    await fund(m!, '1000');
    expect((await withdraw(m!.token, '1001')).json().error.code).toBe('INSUFFICIENT_BALANCE');
    const wrong = await withdraw(m!.token, '100', { paymentPassword: '000000' });
    expect(wrong.json().error.code).toBe('WRONG_PAYMENT_PASSWORD');
    const stranger = await withdraw(m!.token, '100', { cardId: other!.cardId });
    expect(stranger.status).toBe(404);
    expect(await wallet(m!.token)).toMatchObject({ available: '1000', frozen: '0' });
    expect((await http(sys(), { path: '/api/v1/wallet/orders?type=withdrawal', token: m!.token })).json().total).toBe(0);
    // Someone else's order id is not found, not forbidden.
    const theirs = await fund(other!, '100');
    expect((await http(sys(), { path: `/api/v1/wallet/orders/${theirs}`, token: m!.token })).status).toBe(404);
  });

  it('locks withdrawals after five wrong payment passwords, even with the right one, and freezes nothing', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '1000');
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await withdraw(m!.token, '100', { paymentPassword: '000000' })).json().error.code);
    expect(codes).toEqual([
      'WRONG_PAYMENT_PASSWORD',
      'WRONG_PAYMENT_PASSWORD',
      'WRONG_PAYMENT_PASSWORD',
      'WRONG_PAYMENT_PASSWORD',
      'PAYMENT_PASSWORD_LOCKED',
    ]);
    const right = await withdraw(m!.token, '100');
    expect(right.status).toBe(423);
    expect(right.json().error.code).toBe('PAYMENT_PASSWORD_LOCKED');
    expect(await wallet(m!.token)).toMatchObject({ available: '1000', frozen: '0' });
  });

  it('sends large withdrawals to finance: approve pays out, reject unfreezes, both audited', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await fund(m!, '1200000');
    const big = (await withdraw(m!.token, '600000')).json();
    const big2 = (await withdraw(m!.token, '500000')).json();
    expect([big.status, big2.status]).toEqual(['reviewing', 'reviewing']);
    const finance = await operatorLogin(sys().app, 'finance');
    const service = await operatorLogin(sys().app, 'service');
    const queue = (await http(sys(), { path: '/api/v1/console/wallet/orders?status=reviewing&type=withdrawal', token: finance })).json();
    expect(queue.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([big.id, big2.id]));
    const denied = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/wallet/withdrawals/${big.id}/approve`,
      token: service,
      key: newKey(),
      body: { note: 'ok' },
    });
    expect(denied.status).toBe(403);
    const approved = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/wallet/withdrawals/${big.id}/approve`,
      token: finance,
      key: newKey(),
      body: { note: '资金来源核实无误' },
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'paying', reviewedBy: '财务·赵青' });
    const again = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/wallet/withdrawals/${big.id}/reject`,
      token: finance,
      key: newKey(),
      body: { note: '重复' },
    });
    expect(again.json().error.code).toBe('ORDER_STATE_CONFLICT');
    const rejected = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/wallet/withdrawals/${big2.id}/reject`,
      token: finance,
      key: newKey(),
      body: { note: '收款卡状态异常' },
    });
    expect(rejected.json().status).toBe('rejected');
    expect(await wallet(m!.token)).toMatchObject({ available: '600000', frozen: '600000' });
    const audit = (await http(sys(), { path: '/api/v1/console/audit-log?action=wallet.withdrawal.', token: env.admin })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['wallet.withdrawal.approved', 'wallet.withdrawal.rejected']),
    );
  });
});

describe('money under concurrency', () => {
  it('keeps the trial balance at zero and every balance equal to its entries across 200 concurrent top-ups and withdrawals', async () => {
    const members = await verifiedMembers(sys(), 20);
    await inFlight(
      members.map((m) => () => fund(m, '100000')),
      20,
    );
    const expected = new Map(members.map((m) => [m.memberId, 100_000n]));
    const tasks = Array.from({ length: 200 }, (_, i) => async () => {
      const m = members[i % 20]!;
      const amount = BigInt(100 + ((i * 37) % 5000));
      if (i % 2 === 0) {
        const res = await topUp(m.token, String(amount));
        if (res.status !== 201) throw new Error(res.text);
        await payTopUp(sys(), res.json().payUrl);
        expected.set(m.memberId, expected.get(m.memberId)! + amount);
      } else {
        const res = await withdraw(m.token, String(amount));
        if (res.status !== 201) throw new Error(res.text);
        expected.set(m.memberId, expected.get(m.memberId)! - amount);
      }
    });
    await inFlight(tasks, 25);
    // Pay every withdrawal out, then wait for every callback.
    await eventually(async () => {
      const { rows } = await sql<{ gateway_ref: string | null; status: string }>`
        SELECT gateway_ref, status FROM wallet_orders WHERE type = 'withdrawal' AND status = 'paying'`.execute(sys().platform.db);
      for (const r of rows)
        if (r.gateway_ref)
          await sys()
            .modules.sandboxGateway.succeedPayoutNow(r.gateway_ref)
            .catch(() => undefined);
      expect(rows).toHaveLength(0);
    }, 60_000);
    await eventually(async () => {
      for (const m of members) expect(await wallet(m.token)).toMatchObject({ available: String(expected.get(m.memberId)), frozen: '0' });
    }, 60_000);
    await expectBooksBalanced();
    // Its own waits allow a minute each: 200 orders with gateway round trips on a busy 2-core runner.
  }, 150_000);
});

describe('stuck orders and reconciliation', () => {
  it('queries a top-up whose callback never came and credits it once', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await sys().modules.sandboxGateway.stopDelivery();
    try {
      const order = (await topUp(m!.token, '4321')).json();
      await payTopUp(sys(), order.payUrl);
      sys().clock.advance(6 * 60_000);
      const polled = await sys().modules.wallet.pollStuckOrders(sys().clock.now());
      expect(polled.changed).toBeGreaterThanOrEqual(1);
      expect((await wallet(m!.token)).available).toBe('4321');
    } finally {
      sys().modules.sandboxGateway.startDelivery();
    }
    // The late callback still arrives, and changes nothing.
    await eventually(async () => {
      const { rows } = await sql<{
        n: string;
      }>`SELECT COUNT(*)::text AS n FROM sandbox_notifications WHERE acknowledged_at IS NULL`.execute(sys().platform.db);
      expect(rows[0]!.n).toBe('0');
    });
    expect((await wallet(m!.token)).available).toBe('4321');
  });

  it("matches the gateway's bill, settles matched money to the custodian, and lists every mismatch for finance", async () => {
    sys().clock.set(new Date('2026-12-10T03:00:00Z')); // 11:00 in Shanghai, 10 December
    const members = await verifiedMembers(sys(), 4);
    const ids = [];
    for (const m of members) ids.push(await fund(m, '2500'));
    const ref = async (id: string) =>
      (await sql<{ gateway_ref: string }>`SELECT gateway_ref FROM wallet_orders WHERE id = ${id}`.execute(sys().platform.db)).rows[0]!
        .gateway_ref;
    await sys().modules.sandboxGateway.tamper.dropFromBill(await ref(ids[0]!));
    await sys().modules.sandboxGateway.tamper.changeBillAmount(await ref(ids[1]!), 2400n);
    await sys().modules.sandboxGateway.tamper.addExtraToBill('2026-12-10', 777n);
    const custodianBefore = (await sys().modules.ledger.trialBalance('zh-CN')).accounts.find((a) => a.kind === 'custodian_cash')!.balance;

    const finance = await operatorLogin(sys().app, 'finance');
    const run = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/wallet/reconciliation/runs',
      token: finance,
      body: { billDate: '2026-12-10' },
    });
    expect(run.status, run.text).toBe(201);
    expect(run.json()).toMatchObject({ matched: 2, mismatches: 3 });
    const items = (
      await http(sys(), { path: '/api/v1/console/wallet/reconciliation/items?billDate=2026-12-10&status=open', token: finance })
    ).json();
    expect(items.items.map((i: { problem: string }) => i.problem).sort()).toEqual([
      'amount_mismatch',
      'missing_in_bill',
      'missing_in_orders',
    ]);
    const custodianAfter = (await sys().modules.ledger.trialBalance('zh-CN')).accounts.find((a) => a.kind === 'custodian_cash')!.balance;
    expect(BigInt(custodianAfter) - BigInt(custodianBefore)).toBe(5000n);

    // Re-running the day records nothing twice and settles nothing twice.
    await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/wallet/reconciliation/runs',
      token: finance,
      body: { billDate: '2026-12-10' },
    });
    expect(
      (await http(sys(), { path: '/api/v1/console/wallet/reconciliation/items?billDate=2026-12-10', token: finance })).json().total,
    ).toBe(3);
    const item = items.items[0];
    const resolved = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/wallet/reconciliation/items/${item.id}/resolve`,
      token: finance,
      body: { resolution: 'gateway_corrected', note: '支付机构已更正账单' },
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedBy: '财务·赵青' });
    await expectBooksBalanced();
  });
});
