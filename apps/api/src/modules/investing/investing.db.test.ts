import { describe, expect, it } from 'vitest';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { assess, fundWallet } from '../../../test/invest-flows.js';
import { PAYMENT_PASSWORD, http, inFlight, newKey, relogin, verifiedMembers } from '../../../test/wallet-flows.js';
import { addDays } from './dates.js';
import { signIssuerRequest } from './issuer-api.js';

// Every request here comes from 127.0.0.1; the per-IP limit has its own tests.
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;

const RISK = `本产品为非保本浮动收益型产品，业绩比较基准不代表未来表现，不构成收益承诺，投资者可能损失本金。`;
let seq = 0;
async function createProduct(overrides: Record<string, unknown> = {}, publish = true) {
  const finance = await operatorLogin(sys().app, 'finance');
  const issuers = (await http(sys(), { path: '/api/v1/console/investing/issuers', token: finance })).json().items;
  const now = sys().clock.now();
  const res = await http(sys(), {
    method: 'POST',
    path: '/api/v1/console/investing/products',
    token: finance,
    body: {
      code: `T-${process.pid % 1000}-${seq++}`,
      name: '测试活期',
      issuerId: issuers[0].id,
      type: 'demand',
      riskLevel: 2,
      benchmarkBps: 200,
      minAmount: '100',
      maxPerPerson: '10000000',
      totalQuota: '100000000',
      experienceAllowed: true,
      saleStartsAt: new Date(now.getTime() - 3600_000).toISOString(),
      saleEndsAt: new Date(now.getTime() + 400 * 86_400_000).toISOString(),
      disclosures: { underlyingAssets: '货币市场工具', custodian: '示例银行', fees: '管理费 0.2%/年', riskWarning: RISK },
      contractVersion: 'v1',
      ...overrides,
    },
  });
  expect(res.status, res.text).toBe(201);
  if (publish) {
    const pub = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/investing/products/${res.json().id}/status`,
      token: finance,
      body: { status: 'on_sale', reason: '测试上架' },
    });
    expect(pub.status, pub.text).toBe(200);
  }
  return res.json() as { id: string; contractVersion: string };
}

const buy = (token: string, productId: string, amount: string, extra: Record<string, unknown> = {}) =>
  http(sys(), {
    method: 'POST',
    path: '/api/v1/investments',
    token,
    key: newKey(),
    body: { productId, amount, paymentPassword: PAYMENT_PASSWORD, acceptedContractVersion: 'v1', ...extra },
  });
const wallet = async (token: string) => (await http(sys(), { path: '/api/v1/wallet', token })).json();
const expectBooksBalanced = async () => {
  expect(await sys().modules.ledger.verify()).toMatchObject({ ok: true });
  expect((await sys().modules.ledger.trialBalance('zh-CN')).total).toBe('0');
};

async function investor(fen = 10_000_000n, level: 'highest' | 'lowest' = 'highest') {
  const [m] = await verifiedMembers(sys(), 1);
  if (fen > 0n) await fundWallet(sys(), m!.memberId, fen);
  await assess(sys(), m!.memberId, level);
  return m!;
}

describe('catalogue', () => {
  it('lists products newest first with disclosures and remaining quota, never drafts, and refuses promises of returns', async () => {
    const m = await investor();
    const draft = await createProduct({}, false);
    const list = (await http(sys(), { path: '/api/v1/products?pageSize=100', token: m.token })).json();
    expect(list.items.length).toBeGreaterThanOrEqual(3);
    expect(list.items.some((p: { id: string }) => p.id === draft.id)).toBe(false);
    expect((await http(sys(), { path: `/api/v1/products/${draft.id}`, token: m.token })).status).toBe(404);
    const cash = list.items.find((p: { code: string }) => p.code === 'QZ-CASH-A');
    // ¥100,000,000 of quota less the demo's ¥1,000 holding (林晓, README).
    expect(cash).toMatchObject({ type: 'demand', riskLevel: 1, remainingQuota: '9999900000', purchasable: true });
    expect(cash.disclosures.riskWarning).toContain('不构成对产品收益的承诺');
    expect(cash.latestYieldPer10k.value).toMatch(/^\d+\.\d{4}$/);
    const finance = await operatorLogin(sys().app, 'finance');
    const promise = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/investing/products',
      token: finance,
      body: { ...(await productBody()), name: '稳赚活期' },
    });
    expect(promise.json().error, promise.text).toMatchObject({ code: 'PRODUCT_INVALID' });
    expect(promise.json().error.message).toContain('稳赚');
  });
});

async function productBody() {
  const finance = await operatorLogin(sys().app, 'finance');
  const issuers = (await http(sys(), { path: '/api/v1/console/investing/issuers', token: finance })).json().items;
  const now = sys().clock.now();
  return {
    code: `P-${process.pid % 1000}-${seq++}`,
    name: '测试产品',
    issuerId: issuers[0].id,
    type: 'demand',
    riskLevel: 2,
    benchmarkBps: 200,
    minAmount: '100',
    maxPerPerson: '1000000',
    totalQuota: '100000000',
    saleStartsAt: new Date(now.getTime() - 3600_000).toISOString(),
    saleEndsAt: new Date(now.getTime() + 86_400_000).toISOString(),
    disclosures: { underlyingAssets: '货币市场工具', custodian: '示例银行', fees: '不收取费用', riskWarning: RISK },
    contractVersion: 'v1',
  };
}

describe('purchases', () => {
  it('sells exactly the quota to 200 concurrent buyers and keeps the books balanced', async () => {
    const product = await createProduct({ totalQuota: '50000', minAmount: '1000', maxPerPerson: '50000' });
    const members = await verifiedMembers(sys(), 20);
    for (const m of members) {
      await fundWallet(sys(), m.memberId, 20_000n);
      await assess(sys(), m.memberId);
    }
    const results = await inFlight(
      Array.from({ length: 200 }, (_, i) => () => buy(members[i % 20]!.token, product.id, '1000')),
      25,
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(50);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.json().error.code))).toEqual(new Set(['QUOTA_EXCEEDED']));
    const after = (await http(sys(), { path: `/api/v1/products/${product.id}`, token: members[0]!.token })).json();
    expect(after).toMatchObject({ remainingQuota: '0', status: 'sold_out', purchasable: false });
    let spent = 0n;
    for (const m of members) spent += 20_000n - BigInt((await wallet(m.token)).available);
    expect(spent).toBe(50_000n);
    await expectBooksBalanced();
  });

  it('refuses what it must, clearly, writing nothing', async () => {
    const m = await investor(500_000n);
    const low = await investor(500_000n, 'lowest');
    const product = await createProduct({ riskLevel: 3, maxPerPerson: '300000', minAmount: '1000' });
    const closed = await createProduct({}, false);
    const fixed = (await http(sys(), { path: '/api/v1/products?type=fixed', token: m.token }))
      .json()
      .items.find((p: { code: string }) => p.code === 'QZ-FIX-90');
    const code = async (res: Promise<{ json(): { error?: { code: string } } }>) => (await res).json().error?.code;

    expect(await code(buy(m.token, closed.id, '1000'))).toBe('NOT_FOUND');
    expect(await code(buy(m.token, product.id, '1000', { acceptedContractVersion: 'v0' }))).toBe('DISCLOSURE_NOT_ACCEPTED');
    expect(await code(buy(m.token, product.id, '999'))).toBe('AMOUNT_BELOW_MINIMUM');
    expect(await code(buy(m.token, product.id, '12.5'))).toBe('AMOUNT_INVALID');
    expect(await code(buy(m.token, product.id, '300001'))).toBe('PER_PERSON_LIMIT_EXCEEDED');
    expect(await code(buy(m.token, product.id, '300000', { paymentPassword: '000000' }))).toBe('WRONG_PAYMENT_PASSWORD');
    expect(await code(buy(m.token, fixed.id, '100000', { acceptedContractVersion: '2026-11', termDays: 30 }))).toBe('TERM_OUT_OF_RANGE');
    const mismatch = await buy(low.token, product.id, '1000');
    expect(mismatch.status).toBe(403);
    expect(mismatch.json().error).toMatchObject({ code: 'SUITABILITY_MISMATCH' });
    const [unassessed] = await verifiedMembers(sys(), 1);
    await fundWallet(sys(), unassessed!.memberId, 10_000n);
    expect(await code(buy(unassessed!.token, product.id, '1000'))).toBe('SUITABILITY_REQUIRED');
    const poor = await investor(500n);
    expect(await code(buy(poor.token, product.id, '1000'))).toBe('INSUFFICIENT_BALANCE');
    expect((await wallet(poor.token)).available).toBe('500');
    const holdings = (await http(sys(), { path: '/api/v1/holdings', token: m.token })).json();
    expect(holdings.total).toBe(0);
    expect((await http(sys(), { path: `/api/v1/products/${product.id}`, token: m.token })).json().remainingQuota).toBe('100000000');

    // Someone else's holding does not exist for you.
    const ok = await buy(m.token, product.id, '300000', { source: 'group:abc:message:42' });
    expect(ok.status, ok.text).toBe(201);
    expect((await http(sys(), { path: `/api/v1/holdings/${ok.json().holding.id}`, token: low.token })).status).toBe(404);
    const redeemOther = await http(sys(), {
      method: 'POST',
      path: `/api/v1/holdings/${ok.json().holding.id}/redemptions`,
      token: low.token,
      key: newKey(),
      body: { amount: '100' },
    });
    expect(redeemOther.status).toBe(404);
    const finance = await operatorLogin(sys().app, 'finance');
    const orders = (await http(sys(), { path: `/api/v1/console/investing/orders?memberId=${m.memberId}`, token: finance })).json();
    expect(orders.items[0]).toMatchObject({ source: 'group:abc:message:42', contractVersion: 'v1', amount: '300000' });
  });
});

describe('returns', () => {
  it('credits demand earnings by the cumulative-floor rule over 365 declared days', async () => {
    const product = await createProduct({ maxPerPerson: '100000000' });
    const big = await investor(2_000_000n);
    const tiny = await investor(2_000_000n);
    const purchaseDay = sys().clock.now();
    const bigBuy = await buy(big.token, product.id, '1000000'); // ¥10,000.00
    expect(bigBuy.status, bigBuy.text).toBe(201);
    const tinyBuy = await buy(tiny.token, product.id, '100'); // ¥1.00
    expect(tinyBuy.status, tinyBuy.text).toBe(201);
    const holding = (await http(sys(), { path: '/api/v1/holdings', token: big.token })).json().items[0];
    expect(holding.valueDate).toBe(addDays(purchaseDay.toISOString().slice(0, 10), 1)); // T+1 起息 (02:00 UTC is 10:00 Shanghai)

    // A varying 万份收益 for 365 days from the value date, declared by finance.
    const finance = await operatorLogin(sys().app, 'finance');
    const units = (d: number) => 6000 + ((d * 37) % 1000); // 0.6000 – 0.6999 yuan per 10,000
    for (let d = 0; d < 365; d++) {
      const res = await http(sys(), {
        method: 'POST',
        path: `/api/v1/console/investing/products/${product.id}/yields`,
        token: finance,
        body: { day: addDays(holding.valueDate, d), per10k: `0.${String(units(d)).padStart(4, '0')}` },
      });
      expect(res.status, res.text).toBe(200);
    }
    sys().clock.set(new Date(`${addDays(holding.valueDate, 365)}T16:05:00Z`)); // 00:05 Shanghai the day after the last
    await sys().modules.investing.accrueDemandEarnings(sys().clock.now());
    await relogin(sys(), big);
    await relogin(sys(), tiny);

    // Exact arithmetic by hand: fen earned = floor(Σ principal × units / 10^8).
    const exact = (principal: bigint) =>
      Array.from({ length: 365 }, (_, d) => principal * BigInt(units(d))).reduce((a, b) => a + b, 0n) / 100_000_000n;
    const bigEarned = (await http(sys(), { path: '/api/v1/holdings', token: big.token })).json().items[0].earned;
    const tinyEarned = (await http(sys(), { path: '/api/v1/holdings', token: tiny.token })).json().items[0].earned;
    expect(bigEarned).toBe(String(exact(1_000_000n)));
    expect(tinyEarned).toBe(String(exact(100n)));
    expect((await wallet(big.token)).available).toBe(String(1_000_000n + exact(1_000_000n)));
    // A constant case a person can check: ¥10,000 at 0.6512 → 65.12 fen a day → 65 fen on day 1, 130 on day 2.
    const history = (await http(sys(), { path: '/api/v1/earnings?days=366', token: big.token })).json().items;
    expect(history).toHaveLength(365);
    expect(history.reduce((s: bigint, r: { amount: string }) => s + BigInt(r.amount), 0n)).toBe(exact(1_000_000n));
    // Running the job again credits nothing more.
    await sys().modules.investing.accrueDemandEarnings(sys().clock.now());
    expect((await wallet(big.token)).available).toBe(String(1_000_000n + exact(1_000_000n)));
    await expectBooksBalanced();
  });

  it('pays a fixed-term holding principal plus the declared return at maturity, nothing before', async () => {
    sys().clock.set(new Date('2027-03-01T02:00:00Z'));
    const m = await investor(10_000_000n);
    const fixed = await createProduct({
      type: 'fixed',
      termMinDays: 90,
      termMaxDays: 180,
      benchmarkBps: 320,
      experienceAllowed: false,
      minAmount: '100000',
    });
    const res = await buy(m.token, fixed.id, '5000000', { termDays: 90 }); // ¥50,000 for 90 days
    expect(res.status, res.text).toBe(201);
    const h = res.json().holding;
    expect(h).toMatchObject({
      maturityDate: addDays(h.valueDate, 90),
      estimatedReturn: String((5_000_000n * 320n * 90n) / 3_650_000n),
      earned: '0',
    });
    sys().clock.set(new Date(`${h.maturityDate}T16:10:00Z`));
    expect(await sys().modules.investing.matureFixedHoldings(sys().clock.now())).toMatchObject({ matured: 0, waitingForDeclaration: 1 });
    const finance = await operatorLogin(sys().app, 'finance');
    await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/investing/products/${fixed.id}/fixed-returns`,
      token: finance,
      body: { maturityDate: h.maturityDate, actualBps: 300 },
    });
    await relogin(sys(), m);
    const declared = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/investing/products/${fixed.id}/fixed-returns`,
      token: finance,
      body: { maturityDate: h.maturityDate, actualBps: 300 },
    });
    expect(declared.status, declared.text).toBe(200);
    await sys().modules.investing.matureFixedHoldings(sys().clock.now());
    const paid = (5_000_000n * 300n * 90n) / 3_650_000n;
    expect((await http(sys(), { path: `/api/v1/holdings/${h.id}`, token: m.token })).json()).toMatchObject({
      status: 'matured',
      paidReturn: String(paid),
    });
    expect((await wallet(m.token)).available).toBe(String(10_000_000n + paid));
    await expectBooksBalanced();
  });

  it('redeems demand holdings at once up to the T+0 limit and the rest next day; fixed-term cannot be redeemed', async () => {
    sys().clock.set(new Date('2027-06-01T02:00:00Z'));
    const m = await investor(5_000_000n);
    const product = await createProduct({ t0DailyLimit: '100000', maxPerPerson: '10000000' });
    const h = (await buy(m.token, product.id, '3000000')).json().holding;
    const redeem = (amount: string) =>
      http(sys(), { method: 'POST', path: `/api/v1/holdings/${h.id}/redemptions`, token: m.token, key: newKey(), body: { amount } });
    const first = await redeem('150000');
    expect(first.json().items.map((r: { speed: string; amount: string; status: string }) => [r.speed, r.amount, r.status])).toEqual([
      ['t0', '100000', 'settled'],
      ['t1', '50000', 'pending'],
    ]);
    expect((await wallet(m.token)).available).toBe(String(2_000_000n + 100_000n));
    expect((await redeem('2850001')).json().error.code).toBe('INSUFFICIENT_BALANCE');
    sys().clock.set(new Date('2027-06-01T16:10:00Z'));
    expect(await sys().modules.investing.settleDueRedemptions(sys().clock.now())).toBe(1);
    expect((await wallet(m.token)).available).toBe(String(2_000_000n + 150_000n));
    expect((await http(sys(), { path: `/api/v1/holdings/${h.id}`, token: m.token })).json().principal).toBe('2850000');
    const fixed = (await http(sys(), { path: '/api/v1/products?type=fixed', token: m.token }))
      .json()
      .items.find((p: { code: string }) => p.code === 'QZ-FIX-90');
    const fh = await buy(m.token, fixed.id, '100000', { termDays: 90, acceptedContractVersion: '2026-11' });
    expect(fh.status, fh.text).toBe(201);
    const refused = await http(sys(), {
      method: 'POST',
      path: `/api/v1/holdings/${fh.json().holding.id}/redemptions`,
      token: m.token,
      key: newKey(),
      body: { amount: '100' },
    });
    expect(refused.json().error.code).toBe('NOT_REDEEMABLE');
    await expectBooksBalanced();
  });
});

describe('experience money', () => {
  it('is invested but never withdrawn; its earnings come from marketing; at expiry the principal goes back', async () => {
    sys().clock.set(new Date('2027-08-01T02:00:00Z'));
    const m = await investor(0n);
    const finance = await operatorLogin(sys().app, 'finance');
    const granted = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/investing/experience-grants',
      token: finance,
      key: newKey(),
      body: { memberId: m.memberId, amount: '500000', days: 3, reason: '新手体验金' },
    });
    expect(granted.status, granted.text).toBe(201);
    expect(await wallet(m.token)).toMatchObject({ available: '0', experience: '500000' });
    // Experience money is not in the available balance: it cannot be withdrawn.
    const w = await http(sys(), {
      method: 'POST',
      path: '/api/v1/wallet/withdrawals',
      token: m.token,
      key: newKey(),
      body: { amount: '100', paymentPassword: PAYMENT_PASSWORD },
    });
    expect(w.json().error.code).toBe('INSUFFICIENT_BALANCE');

    const cash = (await http(sys(), { path: '/api/v1/products?type=demand&pageSize=100', token: m.token }))
      .json()
      .items.find((p: { code: string }) => p.code === 'QZ-CASH-A');
    const bought = await buy(m.token, cash.id, '500000', { fundedBy: 'experience', acceptedContractVersion: '2026-11' });
    expect(bought.status, bought.text).toBe(201);
    expect(await wallet(m.token)).toMatchObject({ available: '0', experience: '0' });
    const fixed = (await http(sys(), { path: '/api/v1/products?type=fixed&pageSize=100', token: m.token }))
      .json()
      .items.find((p: { code: string }) => p.code === 'QZ-FIX-90');
    expect(
      (await buy(m.token, fixed.id, '100000', { fundedBy: 'experience', termDays: 90, acceptedContractVersion: '2026-11' })).json().error
        .code,
    ).toBe('EXPERIENCE_NOT_ALLOWED');

    const h = bought.json().holding;
    await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/investing/products/${cash.id}/yields`,
      token: finance,
      body: { day: h.valueDate, per10k: '0.5000' },
    });
    sys().clock.set(new Date(`${h.valueDate}T16:05:00Z`));
    const tbBefore = await sys().modules.ledger.trialBalance('zh-CN');
    const accrued = await sys().modules.investing.accrueDemandEarnings(sys().clock.now());
    expect((await wallet(m.token)).available).toBe('25'); // ¥5,000 × 0.5 / 10,000 = ¥0.25, paid by marketing
    const tbAfter = await sys().modules.ledger.trialBalance('zh-CN');
    const marketing = (tb: typeof tbBefore) => BigInt(tb.accounts.find((a) => a.kind === 'marketing_expense')!.balance);
    const issuerOf = (tb: typeof tbBefore) => BigInt(tb.accounts.find((a) => a.kind === 'issuer')!.balance);
    expect(marketing(tbAfter) - marketing(tbBefore)).toBe(25n);
    // The issuer pays only what cash holdings earned (the demo's own holder among them), not a fen of the experience money's.
    expect(issuerOf(tbAfter) - issuerOf(tbBefore)).toBe(BigInt(accrued.credited) - 25n);

    sys().clock.set(new Date('2027-08-05T00:00:00Z'));
    expect(await sys().modules.investing.expireExperience(sys().clock.now())).toMatchObject({ holdings: 1 });
    expect((await http(sys(), { path: `/api/v1/holdings/${h.id}`, token: m.token })).json().status).toBe('expired');
    expect(await wallet(m.token)).toMatchObject({ available: '25', experience: '0' });
    await expectBooksBalanced();
  });
});

describe("the issuer's API", () => {
  it('accepts 万份收益 signed with the issuer key for its own products only, and refuses forged or stale requests', async () => {
    const finance = await operatorLogin(sys().app, 'finance');
    const product = await createProduct();
    const issuerId = (await http(sys(), { path: `/api/v1/console/investing/products/${product.id}`, token: finance })).json().issuer.id;
    const key = await http(sys(), { method: 'POST', path: `/api/v1/console/investing/issuers/${issuerId}/api-key`, token: finance });
    expect(key.status, key.text).toBe(201);
    const { keyId, secret } = key.json();
    const send = (body: Record<string, string>, opts: { secret?: string; timestamp?: number } = {}) => {
      const timestamp = String(opts.timestamp ?? sys().clock.now().getTime());
      return fetch(`${sys().url}/api/v1/issuer-api/yields`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-quanzi-key': keyId,
          'x-quanzi-timestamp': timestamp,
          'x-quanzi-signature': signIssuerRequest(opts.secret ?? secret, timestamp, body),
        },
        body: JSON.stringify(body),
      });
    };
    const body = { productId: product.id, day: '2026-11-20', per10k: '0.7001' };
    const ok = await send(body);
    expect(ok.status, await ok.clone().text()).toBe(200);
    const yields = (await http(sys(), { path: `/api/v1/console/investing/products/${product.id}/yields`, token: finance })).json().items;
    expect(yields.find((y: { day: string }) => y.day === '2026-11-20')).toMatchObject({
      per10k: '0.7001',
      declaredBy: expect.stringContaining('示例'),
    });
    expect((await send(body, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await send(body, { timestamp: sys().clock.now().getTime() - 10 * 60_000 })).status).toBe(401);
    const tampered = await fetch(`${sys().url}/api/v1/issuer-api/yields`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-quanzi-key': keyId,
        'x-quanzi-timestamp': String(sys().clock.now().getTime()),
        'x-quanzi-signature': signIssuerRequest(secret, String(sys().clock.now().getTime()), body),
      },
      body: JSON.stringify({ ...body, per10k: '9.9999' }),
    });
    expect(tampered.status).toBe(401);
    // Another issuer's product does not exist for this key.
    const issuers = (await http(sys(), { path: '/api/v1/console/investing/issuers', token: finance })).json().items;
    const other = issuers.find((i: { id: string }) => i.id !== issuerId);
    const foreign = (await http(sys(), { path: '/api/v1/products?pageSize=100', token: (await investor()).token }))
      .json()
      .items.find((p: { issuer: { id: string } }) => p.issuer.id === other.id);
    expect((await send({ productId: foreign.id, day: '2026-11-20', per10k: '0.5000' })).status).toBe(404);
  });
});

describe('public disclosure', () => {
  it('is computed from purchases and redemptions, needs no login, and freezes monthly snapshots', async () => {
    const before = (await http(sys(), { path: '/api/v1/public/disclosure' })).json();
    expect(before.lending).toMatchObject({ cumulativeLending: '0', overdue90Count: 0 });
    expect(before.custodian).toContain('存管');
    const m = await investor(1_000_000n);
    const product = await createProduct({ maxPerPerson: '10000000' });
    const h = (await buy(m.token, product.id, '400000')).json().holding;
    const afterBuy = (await http(sys(), { path: '/api/v1/public/disclosure' })).json();
    expect(BigInt(afterBuy.platform.cumulativePurchases) - BigInt(before.platform.cumulativePurchases)).toBe(400_000n);
    expect(afterBuy.platform.purchaseCount - before.platform.purchaseCount).toBe(1);
    expect(BigInt(afterBuy.platform.outstanding) - BigInt(before.platform.outstanding)).toBe(400_000n);
    expect(afterBuy.platform.investorsCurrent - before.platform.investorsCurrent).toBe(1);
    await http(sys(), {
      method: 'POST',
      path: `/api/v1/holdings/${h.id}/redemptions`,
      token: m.token,
      key: newKey(),
      body: { amount: '400000' },
    });
    const afterRedeem = (await http(sys(), { path: '/api/v1/public/disclosure' })).json();
    expect(afterRedeem.platform.outstanding).toBe(before.platform.outstanding);
    expect(afterRedeem.platform.investorsCurrent).toBe(before.platform.investorsCurrent);
    expect(afterRedeem.platform.cumulativePurchases).toBe(afterBuy.platform.cumulativePurchases);

    sys().clock.set(new Date('2027-10-01T00:30:00+08:00'));
    expect(await sys().modules.investing.snapshotDisclosure(sys().clock.now())).toEqual({ month: '2027-09', frozen: true });
    expect(await sys().modules.investing.snapshotDisclosure(sys().clock.now())).toEqual({ month: '2027-09', frozen: false });
    const withMonthly = (await http(sys(), { path: '/api/v1/public/disclosure' })).json();
    expect(withMonthly.monthly[0]).toMatchObject({ month: '2027-09' });
  });
});
