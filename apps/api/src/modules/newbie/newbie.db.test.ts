import { idCheckDigit, luhnValid } from '@quanzi/contracts';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshPhone, lastCode, operatorLogin, registerMember, useDemoSystem } from '../../../test/flows.js';
import { assess, fundWallet } from '../../../test/invest-flows.js';
import { PAYMENT_PASSWORD, eventually, http, newKey, verifiedMembers } from '../../../test/wallet-flows.js';

// Every request here comes from 127.0.0.1; the per-IP limit has its own tests.
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;
// The harness leaves the newbie subscriber out (other files' members would earn task points); the worker role has it (system.ts).
beforeAll(() => sys().modules.newbie.subscribe());

const products = async (token: string, type: 'demand' | 'fixed') =>
  (await http(sys(), { path: `/api/v1/products?type=${type}&pageSize=100`, token })).json().items as Array<{
    id: string;
    code: string;
    newbieOnly: boolean;
    contractVersion: string;
  }>;
const newbieProduct = async (token: string) => (await products(token, 'fixed')).find((p) => p.code === 'QZ-NEW-7')!;
const cashProduct = async (token: string) => (await products(token, 'demand')).find((p) => p.code === 'QZ-CASH-A')!;

const buy = (token: string, product: { id: string; contractVersion: string }, extra: Record<string, unknown> = {}, key = newKey()) =>
  http(sys(), {
    method: 'POST',
    path: '/api/v1/investments',
    token,
    key,
    body: {
      productId: product.id,
      amount: '10000',
      paymentPassword: PAYMENT_PASSWORD,
      acceptedContractVersion: product.contractVersion,
      ...extra,
    },
  });

async function investor() {
  const [m] = await verifiedMembers(sys(), 1);
  await fundWallet(sys(), m!.memberId, 10_000_000n);
  await assess(sys(), m!.memberId);
  return m!;
}

const tasks = async (token: string) => (await http(sys(), { path: '/api/v1/me/tasks', token })).json();
const taskOf = async (token: string, code: string) =>
  ((await tasks(token)).items as Array<{ code: string }>).find((t) => t.code === code) as unknown as {
    done: boolean;
    progress: { current: number; target: number };
    rewardPoints: number;
    reward: { points: number; status: string } | null;
  };
const points = (memberId: string) => sys().modules.loyalty.points.balance(memberId);
/** The worker's dispatcher runs too (listening system): wait until no event is left undelivered. */
async function settle() {
  await eventually(async () => {
    await sys().platform.outbox.drainAll();
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM outbox_events WHERE dispatched_at IS NULL
      AND name IN ('member.registered', 'member.real_name_verified', 'member.bank_card_bound', 'investing.purchased')`.execute(
      sys().platform.db,
    );
    expect(rows[0]!.n).toBe(0);
  });
}

describe('the newbie-only product', () => {
  it('is flagged for members, sells to a first-time investor, then refuses a second purchase and anyone who invested before', async () => {
    const m = await investor();
    const product = await newbieProduct(m.token);
    expect(product.newbieOnly).toBe(true);
    const zone = (await http(sys(), { path: '/api/v1/newbie/zone', token: m.token })).json();
    expect(zone.eligible).toBe(true);
    expect(zone.products.map((p: { code: string }) => p.code)).toEqual(['QZ-NEW-7']);
    expect(zone.privileges.length).toBeGreaterThan(0);

    const first = await buy(m.token, product, { termDays: 7 });
    expect(first.status, first.text).toBe(201);
    const second = await buy(m.token, product, { termDays: 7 });
    expect(second.status).toBe(409);
    expect(second.json().error.code).toBe('NEWBIE_ONLY');
    expect((await http(sys(), { path: '/api/v1/newbie/zone', token: m.token })).json().eligible).toBe(false);

    // Someone who already bought an ordinary product is no newcomer.
    const veteran = await investor();
    expect((await buy(veteran.token, await cashProduct(veteran.token))).status).toBe(201);
    const late = await buy(veteran.token, product, { termDays: 7 });
    expect(late.json().error.code).toBe('NEWBIE_ONLY');
  });

  it('lets exactly one of six concurrent first purchases through (and one of a newbie and an ordinary purchase racing)', async () => {
    const m = await investor();
    const product = await newbieProduct(m.token);
    const results = await Promise.all(Array.from({ length: 6 }, () => buy(m.token, product, { termDays: 7 })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.json().error.code))).toEqual(new Set(['NEWBIE_ONLY']));

    const n = await investor();
    const [newbie, ordinary] = await Promise.all([buy(n.token, product, { termDays: 7 }), buy(n.token, await cashProduct(n.token))]);
    // The ordinary purchase always succeeds; the newbie one only if it was first.
    expect(ordinary.status).toBe(201);
    const { rows } = await sql<{ n: number }>`
      SELECT COUNT(*)::int AS n FROM invest_orders WHERE member_id = ${n.memberId} AND product_id = ${product.id}`.execute(
      sys().platform.db,
    );
    expect(rows[0]!.n).toBe(newbie.status === 201 ? 1 : 0);
    if (newbie.status !== 201) expect(newbie.json().error.code).toBe('NEWBIE_ONLY');

    const [bought] = (
      await sql<{ n: number }>`
      SELECT COUNT(*)::int AS n FROM invest_orders WHERE member_id = ${m.memberId} AND product_id = ${product.id}`.execute(
        sys().platform.db,
      )
    ).rows;
    expect(bought!.n).toBe(1);
  });

  it('is set and lifted by finance in the console, audited, and refused to others', async () => {
    const finance = await operatorLogin(sys().app, 'finance');
    const growth = await operatorLogin(sys().app, 'growth');
    const m = await investor();
    const cash = await cashProduct(m.token);
    const path = `/api/v1/console/investing/products/${cash.id}/newbie-only`;
    expect((await http(sys(), { method: 'PUT', path, token: growth, body: { newbieOnly: true, reason: '新手活动' } })).status).toBe(403);
    expect((await http(sys(), { method: 'PUT', path, token: finance, body: { newbieOnly: true } })).status).toBe(400);
    const on = await http(sys(), { method: 'PUT', path, token: finance, body: { newbieOnly: true, reason: '新手活动' } });
    expect(on.status, on.text).toBe(200);
    expect(on.json().newbieOnly).toBe(true);
    const off = await http(sys(), { method: 'PUT', path, token: finance, body: { newbieOnly: false, reason: '活动结束' } });
    expect(off.json().newbieOnly).toBe(false);
    const log = (
      await http(sys(), {
        path: `/api/v1/console/audit-log?action=investing.product.newbie_only_changed&targetId=${cash.id}`,
        token: env.admin,
      })
    ).json();
    expect(log.items).toHaveLength(2);
  });
});

const idFor = (seq: number) => {
  const mmdd = `${String(1 + (seq % 12)).padStart(2, '0')}${String(1 + (Math.floor(seq / 12) % 28)).padStart(2, '0')}`;
  const first17 = `3101011995${mmdd}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
};
const cardFor = (seq: number) => {
  const body = `622202${String(seq).padStart(12, '0')}`;
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
};

describe('the task center (成长任务)', () => {
  it('walks register → 实名 → 绑卡 → 首投 → 复投 with progress and a reward at each step', async () => {
    const phone = freshPhone();
    const { token, memberId } = await registerMember(sys().app, env.admin, phone);
    const seq = Number(phone.slice(-7));
    await settle();
    let view = await tasks(token);
    expect(view.items.map((t: { code: string }) => t.code)).toEqual([
      'register',
      'real_name',
      'bind_card',
      'first_invest',
      'repeat_invest',
    ]);
    expect(view).toMatchObject({ completed: 1, total: 5, pointsEarned: 100 });
    expect(await taskOf(token, 'register')).toMatchObject({ done: true, reward: { points: 100, status: 'granted' } });
    expect(await taskOf(token, 'real_name')).toMatchObject({
      done: false,
      progress: { current: 0, target: 1 },
      rewardPoints: 200,
      reward: null,
    });

    const rn = await http(sys(), { method: 'POST', path: '/api/v1/me/real-name', token, body: { name: '新手甲', idNumber: idFor(seq) } });
    expect(rn.status, rn.text).toBe(200);
    await settle();
    expect(await taskOf(token, 'real_name')).toMatchObject({ done: true, reward: { points: 200, status: 'granted' } });

    const reserved = freshPhone();
    const sent = await http(sys(), {
      method: 'POST',
      path: '/api/v1/auth/sms-codes',
      token,
      body: { phone: reserved, purpose: 'bind_card' },
    });
    expect(sent.status, sent.text).toBe(202);
    const card = await http(sys(), {
      method: 'POST',
      path: '/api/v1/me/bank-cards',
      token,
      body: { cardNumber: cardFor(seq), reservedPhone: reserved, code: await lastCode(sys().app, env.admin, reserved) },
    });
    expect(card.status, card.text).toBe(201);
    await settle();
    expect(await taskOf(token, 'bind_card')).toMatchObject({ done: true, reward: { points: 200 } });
    expect(await points(memberId)).toBe(500);

    const pin = await http(sys(), {
      method: 'PUT',
      path: '/api/v1/me/payment-password',
      token,
      body: { paymentPassword: PAYMENT_PASSWORD },
    });
    expect(pin.status, pin.text).toBe(204);
    await assess(sys(), memberId);
    await fundWallet(sys(), memberId, 1_000_000n);
    expect((await buy(token, await newbieProduct(token), { termDays: 7 })).status).toBe(201);
    await settle();
    expect(await taskOf(token, 'first_invest')).toMatchObject({ done: true, reward: { points: 500 } });
    expect(await taskOf(token, 'repeat_invest')).toMatchObject({ done: false, progress: { current: 1, target: 2 } });

    expect((await buy(token, await cashProduct(token))).status).toBe(201);
    await settle();
    view = await tasks(token);
    expect(view).toMatchObject({ completed: 5, total: 5, pointsEarned: 2000 });
    expect(await points(memberId)).toBe(2000);
  });

  it('grants each reward once when the outbox replays the events, and once under concurrent completions', async () => {
    const { token, memberId } = await registerMember(sys().app, env.admin, freshPhone());
    await settle();
    expect(await points(memberId)).toBe(100);
    // At-least-once delivery: the same registration event handed to the subscribers again.
    await sql`UPDATE outbox_events SET dispatched_at = NULL WHERE name = 'member.registered' AND payload->>'memberId' = ${memberId}`.execute(
      sys().platform.db,
    );
    await settle();
    await Promise.all(Array.from({ length: 5 }, (_, i) => sys().modules.newbie.completeTasks(memberId, ['register'], `replay-${i}`)));
    expect(await points(memberId)).toBe(100);
    expect(await taskOf(token, 'register')).toMatchObject({ done: true, reward: { points: 100, status: 'granted' } });
  });

  it('uses the rewards the console configured; a disabled task gives nothing; edits are audited and refused without permission', async () => {
    const growth = await operatorLogin(sys().app, 'growth');
    const service = await operatorLogin(sys().app, 'service');
    const list = (await http(sys(), { path: '/api/v1/console/newbie/tasks', token: growth })).json();
    expect(list.items.map((t: { code: string }) => t.code)).toEqual([
      'register',
      'real_name',
      'bind_card',
      'first_invest',
      'repeat_invest',
    ]);
    const put = (code: string, body: unknown, token = growth) =>
      http(sys(), { method: 'PUT', path: `/api/v1/console/newbie/tasks/${code}`, token, body });
    expect((await put('register', { rewardPoints: 5, enabled: true }, service)).status).toBe(403);
    expect((await put('register', { rewardPoints: -5, enabled: true })).status).toBe(400);
    expect((await put('no_such_task', { rewardPoints: 5, enabled: true })).status).toBe(400);
    expect((await put('register', { rewardPoints: 5.5, enabled: true })).status).toBe(400);

    try {
      expect((await put('register', { rewardPoints: 0, enabled: false })).json()).toMatchObject({ rewardPoints: 0, enabled: false });
      const off = await registerMember(sys().app, env.admin, freshPhone());
      await settle();
      expect(await points(off.memberId)).toBe(0);
      expect(await taskOf(off.token, 'register')).toMatchObject({ done: true, reward: { points: 0 } });

      expect((await put('register', { rewardPoints: 300, enabled: true })).json()).toMatchObject({ rewardPoints: 300, enabled: true });
      const on = await registerMember(sys().app, env.admin, freshPhone());
      await settle();
      expect(await points(on.memberId)).toBe(300);
    } finally {
      await put('register', { rewardPoints: 100, enabled: true });
    }
    const log = (
      await http(sys(), { path: '/api/v1/console/audit-log?action=newbie.task_updated&targetId=register', token: env.admin })
    ).json();
    expect(log.items.length).toBeGreaterThanOrEqual(3);
    expect(log.items[0]).toMatchObject({ actorType: 'operator', targetType: 'newbie_task' });
  });
});

describe('the newbie guide', () => {
  it('keeps drafts from members and visitors, publishes in order, audits every edit', async () => {
    const growth = await operatorLogin(sys().app, 'growth');
    const m = await investor();
    const created = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/newbie/guide',
      token: growth,
      body: {
        kind: 'article',
        title: '如何赎回活期？',
        body: '在持仓页点击赎回，T+0 额度内实时到账。',
        position: 99,
        source: 'customer_service',
        sourceRef: 'faq:42',
      },
    });
    expect(created.status, created.text).toBe(201);
    const entry = created.json();
    expect(entry).toMatchObject({ status: 'draft', source: 'customer_service', sourceRef: 'faq:42', publishedAt: null });
    const titles = async () =>
      ((await http(sys(), { path: '/api/v1/public/newbie-guide' })).json().articles as Array<{ title: string }>).map((a) => a.title);
    expect(await titles()).not.toContain('如何赎回活期？');
    expect((await http(sys(), { path: '/api/v1/newbie/zone', token: m.token })).json().privileges.length).toBeGreaterThan(0);

    const edit = await http(sys(), {
      method: 'PUT',
      path: `/api/v1/console/newbie/guide/${entry.id}`,
      token: growth,
      body: { title: '怎样赎回活期产品？' },
    });
    expect(edit.json()).toMatchObject({ title: '怎样赎回活期产品？', status: 'draft' });
    const pub = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/newbie/guide/${entry.id}/status`,
      token: growth,
      body: { status: 'published' },
    });
    expect(pub.json()).toMatchObject({ status: 'published' });
    expect((await titles()).at(-1)).toBe('怎样赎回活期产品？');
    const back = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/newbie/guide/${entry.id}/status`,
      token: growth,
      body: { status: 'draft' },
    });
    expect(back.json().status).toBe('draft');
    expect(await titles()).not.toContain('怎样赎回活期产品？');
    const drafts = (await http(sys(), { path: '/api/v1/console/newbie/guide?status=draft', token: growth })).json().items;
    expect(drafts.map((d: { id: string }) => d.id)).toContain(entry.id);
    expect((await http(sys(), { method: 'DELETE', path: `/api/v1/console/newbie/guide/${entry.id}`, token: growth })).status).toBe(204);
    expect((await http(sys(), { path: `/api/v1/console/newbie/guide/${entry.id}`, token: growth })).status).toBe(404);

    const log = (await http(sys(), { path: `/api/v1/console/audit-log?targetId=${entry.id}&pageSize=20`, token: env.admin })).json();
    expect(log.items.map((i: { action: string }) => i.action).sort()).toEqual(
      ['newbie.guide_created', 'newbie.guide_deleted', 'newbie.guide_published', 'newbie.guide_unpublished', 'newbie.guide_updated'].sort(),
    );
  });

  it('takes customer service’s top questions as drafts, once per question, for an operator to publish', async () => {
    const growth = await operatorLogin(sys().app, 'growth');
    const question = { ref: `cs-question:${Date.now()}`, question: '新手专享产品可以买几次？', answer: '每人限购一次，且须从未投资过。' };
    const first = await sys().modules.newbie.draftFromCustomerService(question);
    const again = await sys().modules.newbie.draftFromCustomerService({ ...question, answer: '改过的答案' });
    expect(again).toMatchObject({
      id: first.id,
      body: question.answer,
      status: 'draft',
      source: 'customer_service',
      sourceRef: question.ref,
    });
    const fromCs = (await http(sys(), { path: '/api/v1/console/newbie/guide?status=draft', token: growth })).json().items;
    expect(fromCs.filter((e: { sourceRef: string | null }) => e.sourceRef === question.ref)).toHaveLength(1);
    const taken = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/newbie/guide',
      token: growth,
      body: { kind: 'article', title: '重复', body: '重复', source: 'customer_service', sourceRef: question.ref },
    });
    expect(taken.status).toBe(409);
    expect(taken.json().error.code).toBe('GUIDE_SOURCE_TAKEN');
    const published = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/newbie/guide/${first.id}/status`,
      token: growth,
      body: { status: 'published' },
    });
    expect(published.status).toBe(200);
    const guide = (await http(sys(), { path: '/api/v1/public/newbie-guide' })).json();
    expect(guide.articles.map((a: { title: string }) => a.title)).toContain('新手专享产品可以买几次？');
  });

  it('refuses bad input with 4xx and writes nothing, and members or other roles cannot edit', async () => {
    const growth = await operatorLogin(sys().app, 'growth');
    const finance = await operatorLogin(sys().app, 'finance');
    const m = await investor();
    const post = (body: unknown, token = growth) => http(sys(), { method: 'POST', path: '/api/v1/console/newbie/guide', token, body });
    const before = (await http(sys(), { path: '/api/v1/console/newbie/guide', token: growth })).json().items.length;
    expect((await post({ kind: 'article', title: '', body: '正文' })).status).toBe(400);
    expect((await post({ kind: 'faq', title: '标题', body: '正文' })).status).toBe(400);
    expect((await post({ kind: 'article', title: '标题', body: '正文', position: -1 })).status).toBe(400);
    expect((await post({ kind: 'article', title: '标题', body: '正文', extra: 1 })).status).toBe(400);
    expect((await post({ kind: 'article', title: 'x'.repeat(61), body: '正文' })).status).toBe(400);
    expect((await post({ kind: 'article', title: '标题', body: '正文' }, finance)).status).toBe(403);
    expect((await post({ kind: 'article', title: '标题', body: '正文' }, m.token)).status).toBe(401);
    expect((await http(sys(), { path: '/api/v1/console/newbie/guide', token: growth })).json().items.length).toBe(before);
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect(
      (
        await http(sys(), {
          method: 'POST',
          path: `/api/v1/console/newbie/guide/${ghost}/status`,
          token: growth,
          body: { status: 'published' },
        })
      ).status,
    ).toBe(404);
    expect((await http(sys(), { path: '/api/v1/me/tasks' })).status).toBe(401);
  });
});
