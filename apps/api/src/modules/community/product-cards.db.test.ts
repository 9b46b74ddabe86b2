import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGroup, history, join, post, regulars } from '../../../test/community-flows.js';
import { useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';
import { assess, fundWallet } from '../../../test/invest-flows.js';
import { PAYMENT_PASSWORD, verifiedMembers } from '../../../test/wallet-flows.js';
import { NEWCOMER_PRODUCT_CARDS_PER_DAY } from './trust.js';

// Issue 12 item 10: the path from information to money is the community's point — every member may
// share a product card; the card carries the risk warning; suitability is checked when buying.
const env = useDemoSystem();
type Product = {
  id: string;
  name: string;
  riskLevel: number;
  purchasable: boolean;
  contractVersion: string;
  minAmount: string;
  termMinDays: number | null;
  disclosures: { riskWarning: string };
};
let products: Product[];
let groupId: string;

beforeAll(async () => {
  const [reader] = await regulars(env.sys, 1);
  products = (await call(env.sys.app, { url: '/api/v1/products?pageSize=100', token: reader!.token })).json().items;
  groupId = (await createGroup(env.sys, { name: '产品交流圈', visibility: 'public', joinPolicy: 'open' })).id;
});

describe('product cards from members', () => {
  it('an ordinary member attaches a card that shows the product’s risk level and risk warning, in chat and in threads', async () => {
    const [m, reader] = await regulars(env.sys, 2);
    await join(env.sys, m!, groupId);
    await join(env.sys, reader!, groupId);
    const product = products.find((p) => p.riskLevel >= 2) ?? products[0]!;
    const res = await post(env.sys, m!, groupId, { text: '这款大家怎么看？', productId: product.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'product', product: { id: product.id, riskLevel: product.riskLevel } });
    expect(res.json().product.riskWarning).toBe(product.disclosures.riskWarning);
    expect(product.disclosures.riskWarning.length).toBeGreaterThan(10);
    // Readers get the same card with the warning.
    const seen = (await history(env.sys, reader!, groupId)).json().items.find((i: { id: string }) => i.id === res.json().id);
    expect(seen.product).toMatchObject({ id: product.id, riskLevel: product.riskLevel, riskWarning: product.disclosures.riskWarning });

    const thread = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/threads',
      token: m!.token,
      body: { title: '分享一款产品', body: '看了风险提示再决定', groupId, productIds: [product.id] },
    });
    expect(thread.statusCode, thread.body).toBe(201);
    expect(thread.json().products[0]).toMatchObject({
      id: product.id,
      riskLevel: product.riskLevel,
      riskWarning: product.disclosures.riskWarning,
    });
  });

  it('suitability is checked at purchase, not when attaching: a cautious member shares a riskier card but cannot buy it', async () => {
    const [m] = await regulars(env.sys, 1);
    await join(env.sys, m!, groupId);
    await assess(env.sys, m!.memberId, 'lowest');
    await fundWallet(env.sys, m!.memberId, 10_000_000n);
    const risky = products.find((p) => p.riskLevel >= 2 && p.purchasable);
    expect(risky, 'the demo catalogue has a product above R1').toBeDefined();
    expect((await post(env.sys, m!, groupId, { text: '', productId: risky!.id })).statusCode).toBe(201);
    const buy = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/investments',
      token: m!.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        productId: risky!.id,
        amount: risky!.minAmount,
        paymentPassword: PAYMENT_PASSWORD,
        acceptedContractVersion: risky!.contractVersion,
        ...(risky!.termMinDays ? { termDays: risky!.termMinDays } : {}),
      },
    });
    expect(buy.json().error.code).toBe('SUITABILITY_MISMATCH');
  });

  it(`holds a newcomer to ${NEWCOMER_PRODUCT_CARDS_PER_DAY} cards a day across chat and threads, with a clear refusal`, async () => {
    const [newcomer] = await verifiedMembers(env.sys, 1);
    await join(env.sys, newcomer!, groupId);
    const product = products[0]!;
    const first = await post(env.sys, newcomer!, groupId, { text: '', productId: product.id });
    expect(first.statusCode, first.body).toBe(201);
    const thread = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/threads',
      token: newcomer!.token,
      body: { title: '新人请教这款产品', body: '大家买过吗', productIds: [product.id] },
    });
    expect(thread.statusCode, thread.body).toBe(201);
    expect(NEWCOMER_PRODUCT_CARDS_PER_DAY).toBe(2);

    const over = await post(env.sys, newcomer!, groupId, { text: '再分享一个', productId: product.id });
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toEqual({
      code: 'PRODUCT_CARD_LIMIT',
      message: '新成员每天最多分享 2 张产品卡片，明天可继续分享，多参与社区后会自动解除',
    });
    const overThread = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/threads',
      token: newcomer!.token,
      body: { title: '再请教一款产品', body: '这个呢', productIds: [product.id] },
    });
    expect(overThread.json().error.code).toBe('PRODUCT_CARD_LIMIT');
    // The refusals took nothing; plain text still goes through.
    expect((await post(env.sys, newcomer!, groupId, { text: '谢谢大家' })).statusCode).toBe(201);

    // The next day they have come back (trust level 1): no daily cap any more.
    env.sys.clock.advance(86_400_000);
    for (let i = 0; i < 3; i++) expect((await post(env.sys, newcomer!, groupId, { text: '', productId: product.id })).statusCode).toBe(201);
  });
  it('never lets concurrent posts take more than the day’s allowance', async () => {
    const [newcomer] = await verifiedMembers(env.sys, 1);
    await join(env.sys, newcomer!, groupId);
    const product = products[0]!;
    const answers = await Promise.all([
      post(env.sys, newcomer!, groupId, { text: '', productId: product.id }),
      post(env.sys, newcomer!, groupId, { text: '', productId: product.id }),
      post(env.sys, newcomer!, groupId, { text: '', productId: product.id }),
      call(env.sys.app, {
        method: 'POST',
        url: '/api/v1/threads',
        token: newcomer!.token,
        body: { title: '同时发的帖子', body: '看看', productIds: [product.id] },
      }),
    ]);
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 429, 429]);
  });
});
