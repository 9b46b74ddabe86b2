import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { transact } from '../../platform/db/transact.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import type { RiskSubject } from './index.js';

const env = useDemoSystem();
const risk = () => env.sys.modules.risk;
const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
const event = (name: string, payload: Record<string, unknown>): DomainEvent => ({
  id: randomUUID(),
  seq: 0n,
  name,
  payload,
  occurredAt: new Date(),
});
const deliver = (name: string, payload: Record<string, unknown>) => risk().handlers[name]!(event(name, payload));
const login = (memberId: string, deviceId: string | null, ip: string) => deliver('member.logged_in', { memberId, deviceId, ip });
const assess = (subject: RiskSubject) => transact(env.sys.platform.db, (trx) => risk().assess(trx, subject));
const officer = async () => operatorLogin(env.sys.app, 'risk');
const hour = 3_600_000;

/** The rings found among `universe` (this test's members; the demo's own farm ring is not part of the experiment). */
async function ringSets(universe: Set<string>): Promise<string[][]> {
  const res = await call(env.sys.app, { url: '/api/v1/console/risk/rings?limit=100', token: await officer() });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { members: string[] }[]).map((r) => [...r.members].sort()).filter((r) => r.some((m) => universe.has(m)));
}

function precisionRecall(found: string[][], truth: string[][]) {
  const key = (m: string[]) => [...m].sort().join(',');
  const truthKeys = new Set(truth.map(key));
  const hits = found.filter((r) => truthKeys.has(key(r))).length;
  return { precision: found.length ? hits / found.length : 1, recall: truth.length ? hits / truth.length : 1 };
}

describe('rings', () => {
  it('finds the planted rings, not the decoys, and a whitelisted household drops out', async () => {
    const rings = [ids(5), ids(6), ids(4)];
    // Ring members chain through shared devices and a shared card: every pair of neighbours is strongly linked.
    for (const [r, members] of rings.entries()) {
      for (const [i, m] of members.entries()) {
        await login(m, `ring${r}-dev${i}`, `10.${r}.1.${i + 1}`);
        if (i > 0) await login(m, `ring${r}-dev${i - 1}`, `10.${r}.1.${i + 1}`);
        if (i % 2 === 0) await deliver('member.bank_card_bound', { memberId: m, cardIndex: `ring${r}-card` });
      }
    }
    // Decoys: an office of 12 behind one /24 (weak links only), a couple sharing a phone (pairs are not rings).
    const office = ids(12);
    for (const m of office) await login(m, `office-${m}`, '192.168.7.20');
    const couple = ids(2);
    for (const m of couple) await login(m, 'couple-phone', '172.20.1.1');
    // A family of four on one tablet: a ring until the risk officer whitelists the household.
    const family = ids(4);
    for (const m of family) await login(m, 'family-tablet', '172.21.1.1');
    const universe = new Set([...rings.flat(), ...office, ...couple, ...family]);

    const before = precisionRecall(await ringSets(universe), rings);
    expect(before.recall).toBe(1);
    expect(before.precision).toBeLessThan(1); // the family is still counted

    const token = await officer();
    const twice = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/risk/households',
      token,
      body: { name: '张家', reason: '重复的成员', memberIds: [family[0], family[0]] },
    });
    expect(twice.statusCode).toBe(400);
    const household = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/risk/households',
      token,
      body: { name: '张家', reason: '一家四口共用平板，已电话核实', memberIds: family },
    });
    expect(household.statusCode, household.body).toBe(201);
    const again = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/risk/households',
      token,
      body: { name: '张家二', reason: '再次提交', memberIds: family.slice(0, 2) },
    });
    expect(again.statusCode).toBe(409);
    const after = precisionRecall(await ringSets(universe), rings);
    expect(after).toEqual({ precision: 1, recall: 1 });

    // Rebuilding from scratch finds the same rings as the incremental unions did.
    await risk().rebuildRings(env.sys.clock.now());
    expect(precisionRecall(await ringSets(universe), rings)).toEqual({ precision: 1, recall: 1 });

    // The member page explains: the ring and the shared device, with the typed links.
    const page = await call(env.sys.app, { url: `/api/v1/console/risk/members/${rings[1]![2]}`, token });
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json();
    expect(body.reasons.map((r: { rule: string }) => r.rule)).toContain('ring');
    expect(body.reasons.find((r: { rule: string }) => r.rule === 'ring').evidence).toContain('6');
    expect(body.links.some((l: { kind: string }) => l.kind === 'device')).toBe(true);
    const familyPage = (await call(env.sys.app, { url: `/api/v1/console/risk/members/${family[0]}`, token })).json();
    expect(familyPage.reasons).toEqual([]);
    expect(familyPage.household.name).toBe('张家');
  });
});

describe('claim-and-leave and decisions', () => {
  it('flags claim-and-leave after the withdrawal and not before; an investment in between clears it', async () => {
    const [hunter, investor] = ids(2);
    for (const m of [hunter!, investor!]) {
      const grant = await assess({ use: 'reward_grant', ref: `campaign:c1:event:${m}`, memberId: m, amount: 8800n });
      expect(grant.decision).toBe('allow');
    }
    await deliver('investing.purchased', { memberId: investor, productId: randomUUID(), amount: '100000' });
    const early = await assess({ use: 'withdrawal', ref: `withdrawal:early:${hunter}`, memberId: hunter!, amount: 8800n });
    expect(early.reasons.map((r) => r.rule)).not.toContain('claim_and_leave');
    env.sys.clock.advance(2 * 24 * hour);
    for (const m of [hunter!, investor!])
      await deliver('wallet.order_created', { memberId: m, orderId: randomUUID(), type: 'withdrawal', amount: '8800' });
    const later = await assess({ use: 'withdrawal', ref: `withdrawal:later:${hunter}`, memberId: hunter!, amount: 8800n });
    expect(later.reasons.map((r) => r.rule)).toContain('claim_and_leave');
    expect(later.decision).toBe('review');
    const clean = await assess({ use: 'withdrawal', ref: `withdrawal:later:${investor}`, memberId: investor!, amount: 8800n });
    expect(clean.decision).toBe('allow');
  });

  it('denies a grant to a ring member who claims and leaves, says why, and books no reward for it', async () => {
    const ring = ids(3);
    const hunter = ring[0]!;
    const first = await assess({ use: 'reward_grant', ref: `campaign:c2:event:first:${hunter}`, memberId: hunter, amount: 500n });
    expect(first.decision).toBe('allow');
    await deliver('wallet.order_created', { memberId: hunter, orderId: randomUUID(), type: 'withdrawal', amount: '500' });
    for (const m of ring) await login(m, 'farm-phone-1', '10.99.1.1');
    const denied = await assess({ use: 'reward_grant', ref: `campaign:c2:event:second:${hunter}`, memberId: hunter, amount: 500n });
    expect(denied.decision).toBe('deny');
    expect(denied.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['ring', 'claim_and_leave']));
    expect(denied.reasons.every((r) => r.evidence.length > 0)).toBe(true);
    // The denied grant is no reward: claim-and-leave still counts only the first one.
    expect(denied.reasons.find((r) => r.rule === 'claim_and_leave')!.evidence).toContain('1 次');
    await deliver('wallet.order_created', { memberId: hunter, orderId: randomUUID(), type: 'withdrawal', amount: '500' });
    const later = await assess({ use: 'withdrawal', ref: `withdrawal:after-deny:${hunter}`, memberId: hunter, amount: 500n });
    expect(later.reasons.find((r) => r.rule === 'claim_and_leave')!.evidence).toContain('1 次');
  });

  it('review queue: whitelist with a reason clears the member; a decided review answers 409', async () => {
    const m = randomUUID();
    await assess({ use: 'reward_grant', ref: `campaign:c3:event:${m}`, memberId: m, amount: 300n });
    await deliver('wallet.order_created', { memberId: m, orderId: randomUUID(), type: 'withdrawal', amount: '300' });
    const held = await assess({ use: 'referral_reward', ref: `referral:${m}`, memberId: m, amount: 1000n });
    expect(held.decision).toBe('review');
    const token = await officer();
    const queue = (await call(env.sys.app, { url: '/api/v1/console/risk/reviews?limit=100', token })).json();
    const review = queue.items.find((r: { ref: string }) => r.ref === `referral:${m}`);
    expect(review.reasons[0].evidence).toBeTruthy();
    expect(await risk().reviewOutcome('referral_reward', `referral:${m}`)).toBe('pending');
    const url = `/api/v1/console/risk/reviews/${review.id}/decision`;
    const noReason = await call(env.sys.app, { method: 'POST', url, token, body: { action: 'whitelist', reason: '' } });
    expect(noReason.statusCode).toBe(400);
    const ok = await call(env.sys.app, { method: 'POST', url, token, body: { action: 'whitelist', reason: '本人出差提现，已核实' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await risk().reviewOutcome('referral_reward', `referral:${m}`)).toBe('allow');
    const again = await call(env.sys.app, { method: 'POST', url, token, body: { action: 'confirm', reason: '重复操作' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('RISK_REVIEW_DECIDED');
    const next = await assess({ use: 'withdrawal', ref: `withdrawal:after-clear:${m}`, memberId: m, amount: 300n });
    expect(next.decision).toBe('allow');
    expect(next.reasons[0]!.rule).toBe('whitelisted');
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'risk.review_whitelisted'`.execute(
      env.sys.platform.db,
    );
    expect(audit.rows[0]!.n).toBeGreaterThanOrEqual(1);
  });
});

describe('rule versions', () => {
  const strict = {
    rules: [{ id: 'any_shared_device', signal: 'shared_device_accounts', atLeast: 1, weight: 100 }],
    thresholds: { review: 10, deny: 50 },
    note: '更严：共用设备即拒绝',
  };

  it('refuses unknown signals, weights out of range and review above deny', async () => {
    const token = await officer();
    const post = (body: unknown) => call(env.sys.app, { method: 'POST', url: '/api/v1/console/risk/rules', token, body });
    expect((await post({ ...strict, rules: [{ ...strict.rules[0], signal: 'horoscope' }] })).statusCode).toBe(400);
    expect((await post({ ...strict, rules: [{ ...strict.rules[0], weight: 101 }] })).statusCode).toBe(400);
    expect((await post({ ...strict, rules: [{ ...strict.rules[0], eval: 'process.exit()' }] })).statusCode).toBe(400);
    const inverted = await post({ ...strict, thresholds: { review: 90, deny: 20 } });
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json().error.code).toBe('RISK_RULES_INVALID');
  });

  it('a shadow version changes no decision and logs what it would have done', async () => {
    const pair = ids(2);
    for (const m of pair) await login(m, 'shared-shadow-phone', '10.77.1.1');
    const before = await assess({ use: 'reward_grant', ref: `shadow:before:${pair[0]}`, memberId: pair[0]!, amount: 100n });
    expect(before.decision).toBe('allow');
    const token = await officer();
    const created = await call(env.sys.app, { method: 'POST', url: '/api/v1/console/risk/rules', token, body: strict });
    expect(created.statusCode, created.body).toBe(201);
    const version = created.json().version as number;
    const shadow = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/risk/rules/${version}/status`,
      token,
      body: { status: 'shadow' },
    });
    expect(shadow.statusCode, shadow.body).toBe(200);
    const during = await assess({ use: 'reward_grant', ref: `shadow:during:${pair[0]}`, memberId: pair[0]!, amount: 100n });
    expect(during.decision).toBe(before.decision);
    expect(during.ruleSet).toBe('rules-v1');
    const comparison = (await call(env.sys.app, { url: `/api/v1/console/risk/rules/${version}/shadow`, token })).json();
    expect(comparison.differing).toBeGreaterThanOrEqual(1);
    expect(comparison.samples[0]).toMatchObject({ decision: 'allow', shadowDecision: 'deny' });
    // Retire it so the rest of the file runs under v1.
    const retired = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/risk/rules/${version}/status`,
      token,
      body: { status: 'retired' },
    });
    expect(retired.statusCode).toBe(200);
    const revive = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/risk/rules/${version}/status`,
      token,
      body: { status: 'active' },
    });
    expect(revive.statusCode).toBe(409);
  });
});

describe('step-up', () => {
  it('asks for an SMS code at login on a new device or region once the rules say so, not on a known one', async () => {
    const { registerMember, freshPhone, lastCode, PASSWORD } = await import('../../../test/flows.js');
    const admin = await operatorLogin(env.sys.app);
    const phone = freshPhone();
    const { memberId } = await registerMember(env.sys.app, admin, phone);
    await login(memberId, 'known-phone', '10.50.3.4');
    const attempt = (deviceId: string, ip: string, smsCode?: string) =>
      call(env.sys.app, {
        method: 'POST',
        url: '/api/v1/auth/login',
        ip,
        body: { phone, password: PASSWORD, deviceId, ...(smsCode ? { smsCode } : {}) },
      });
    // Under v1 (no login rules) nothing is asked.
    expect((await attempt('other-phone', '10.50.3.4')).statusCode).toBe(200);

    const token = await officer();
    const v1 = (await call(env.sys.app, { url: '/api/v1/console/risk/rules', token }))
      .json()
      .items.find((v: { status: string }) => v.status === 'active');
    const body = {
      note: '登录新设备/新地区需短信验证',
      thresholds: v1.thresholds,
      rules: [
        ...v1.rules,
        { id: 'login_new_device', signal: 'new_device', atLeast: 1, weight: 50, uses: ['login'] },
        { id: 'login_new_region', signal: 'new_region', atLeast: 1, weight: 50, uses: ['login'] },
      ],
    };
    const created = await call(env.sys.app, { method: 'POST', url: '/api/v1/console/risk/rules', token, body });
    expect(created.statusCode, created.body).toBe(201);
    const activated = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/risk/rules/${created.json().version}/status`,
      token,
      body: { status: 'active' },
    });
    expect(activated.statusCode).toBe(200);

    expect((await attempt('known-phone', '10.50.9.9')).statusCode).toBe(200);
    const stranger = await attempt('new-phone', '10.50.3.4');
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().error.code).toBe('STEP_UP_REQUIRED');
    expect(stranger.json().error.details.reasons).toEqual(['login_new_device']);
    const abroad = await attempt('known-phone', '203.0.113.5');
    expect(abroad.json().error.details.reasons).toEqual(['login_new_region']);
    env.sys.clock.advance(61_000); // the newest code in the outbox is the login one
    const sent = await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/sms-codes', body: { phone, purpose: 'login' } });
    expect(sent.statusCode, sent.body).toBe(202);
    const code = await lastCode(env.sys.app, admin, phone);
    expect((await attempt('new-phone', '10.50.3.4', '000000')).statusCode).toBe(400);
    const confirmed = await attempt('new-phone', '10.50.3.4', code);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
  });

  it('asks for an SMS code on a large withdrawal from a new device only', async () => {
    const m = randomUUID();
    await login(m, 'known-phone', '10.50.3.4');
    const bigNew = await risk().stepUp({ memberId: m, use: 'withdrawal', deviceId: 'other-phone', ip: '10.50.3.4', amount: 600_000n });
    expect(bigNew).toMatchObject({ stepUpRequired: true, reasons: ['large_withdrawal_new_device'] });
    const bigKnown = await risk().stepUp({ memberId: m, use: 'withdrawal', deviceId: 'known-phone', ip: '10.50.3.4', amount: 600_000n });
    expect(bigKnown.stepUpRequired).toBe(false);
    const smallNew = await risk().stepUp({ memberId: m, use: 'withdrawal', deviceId: 'other-phone', ip: '10.50.3.4', amount: 10_000n });
    expect(smallNew.stepUpRequired).toBe(false);
  });

  it('takes the member app fingerprint hashed, refuses oversize or misshapen payloads', async () => {
    const sys = env.sys;
    const { registerMember, freshPhone } = await import('../../../test/flows.js');
    const { token, memberId } = await registerMember(sys.app, await operatorLogin(sys.app), freshPhone());
    const url = '/api/v1/me/device-fingerprint';
    const visitorId = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    const ok = await call(sys.app, { method: 'POST', url, token, body: { visitorId, confidence: 0.9 } });
    expect(ok.statusCode, ok.body).toBe(202);
    const stored = await sql<{ value_hash: string }>`
      SELECT value_hash FROM risk_attributes WHERE member_id = ${memberId} AND kind = 'fingerprint'`.execute(sys.platform.db);
    expect(stored.rows.length).toBe(1);
    expect(stored.rows[0]!.value_hash).not.toContain(visitorId);
    expect((await call(sys.app, { method: 'POST', url, token, body: { visitorId: 'x' } })).statusCode).toBe(400);
    expect((await call(sys.app, { method: 'POST', url, token, body: { visitorId, extra: 1 } })).statusCode).toBe(400);
    const huge = await call(sys.app, {
      method: 'POST',
      url,
      token,
      body: {
        visitorId,
        components: { blob: 'x'.repeat(190), ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'y'.repeat(150)])) },
      },
    });
    expect(huge.statusCode).toBe(413);
    expect((await call(sys.app, { method: 'POST', url, body: { visitorId } })).statusCode).toBe(401);
  });
});

describe('transaction monitoring and retention', () => {
  it('structuring under the threshold opens one case; the case moves open → investigating → reported → closed', async () => {
    const [smurf, honest] = ids(2);
    env.sys.clock.set(new Date('2026-12-02T03:00:00Z'));
    for (let i = 0; i < 3; i++)
      await deliver('wallet.order_created', { memberId: smurf, orderId: randomUUID(), type: 'top_up', amount: '4800000' });
    for (let i = 0; i < 2; i++)
      await deliver('wallet.order_created', { memberId: honest, orderId: randomUUID(), type: 'top_up', amount: '4800000' });
    await deliver('wallet.order_created', { memberId: honest, orderId: randomUUID(), type: 'top_up', amount: '6000000' });
    const next = new Date('2026-12-02T17:15:00Z'); // 01:15 Shanghai on the 3rd
    expect((await risk().monitorTransactions(next)).opened).toBe(1);
    expect((await risk().monitorTransactions(next)).opened).toBe(0);
    const token = await operatorLogin(env.sys.app, 'compliance');
    const cases = (await call(env.sys.app, { url: '/api/v1/console/risk/monitoring/cases', token })).json();
    const found = cases.items.find((c: { memberId: string }) => c.memberId === smurf);
    expect(found).toMatchObject({ kind: 'structuring', status: 'open' });
    expect(cases.items.some((c: { memberId: string }) => c.memberId === honest)).toBe(false);
    const large = (await call(env.sys.app, { url: '/api/v1/console/risk/monitoring/large-transactions?day=2026-12-02', token })).json();
    expect(large.items.map((i: { memberId: string }) => i.memberId)).toEqual([honest]);
    const move = (status: string) =>
      call(env.sys.app, {
        method: 'POST',
        url: `/api/v1/console/risk/monitoring/cases/${found.id}/transitions`,
        token,
        body: { status, note: `转为 ${status}` },
      });
    for (const s of ['investigating', 'reported', 'closed']) expect((await move(s)).statusCode).toBe(200);
    const back = await move('investigating');
    expect(back.statusCode).toBe(409);
    const detail = (await call(env.sys.app, { url: `/api/v1/console/risk/monitoring/cases/${found.id}`, token })).json();
    expect(detail.history.map((h: { status: string }) => h.status)).toEqual(['open', 'investigating', 'reported', 'closed']);
  });

  it('keeps a closed account five years and purges it after', async () => {
    const m = randomUUID();
    const purged: string[] = [];
    risk().registerRetentionPurger('test', async (_trx, memberId) => void purged.push(memberId));
    env.sys.clock.set(new Date('2026-12-03T02:00:00Z'));
    await login(m, 'closing-phone', '10.60.1.1');
    await deliver('member.closed', { memberId: m });
    const attrs = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM risk_attributes WHERE member_id = ${m}`.execute(env.sys.platform.db))
        .rows[0]!.n;
    await risk().purgeRetained(new Date('2031-12-02T02:00:00Z'));
    expect(purged).not.toContain(m);
    expect(await attrs()).toBeGreaterThan(0);
    await risk().purgeRetained(new Date('2031-12-03T02:00:01Z'));
    expect(purged).toContain(m);
    expect(await attrs()).toBe(0);
  });
});

describe('demo data', () => {
  it('seeds a farm ring, a denied grant, a review and a structuring case, once', async () => {
    const before = (await call(env.sys.app, { url: '/api/v1/console/risk/dashboard', token: await officer() })).json();
    expect(await risk().seedDemo()).toBe(0); // the demo system seeded it already
    expect(before.rings).toBeGreaterThanOrEqual(1);
    const farm = (
      await call(env.sys.app, { url: '/api/v1/console/risk/members/00000000-0000-4000-8000-0000000f0001', token: await officer() })
    ).json();
    expect(farm.reasons.map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(['ring', 'claim_and_leave']));
    const denied = before.decisions.find((d: { use: string; decision: string }) => d.use === 'reward_grant' && d.decision === 'deny');
    expect(denied.count).toBeGreaterThanOrEqual(1);
  });
});
