import crypto from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { useDemoSystem } from '../../../test/flows.js';
import { eventually, http, newKey, payTopUp, verifiedMembers } from '../../../test/wallet-flows.js';

// Every request here comes from 127.0.0.1; the per-IP limit has its own tests.
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;
const notifications = () => sys().modules.notifications;

const inbox = async (token: string, query = '') => {
  const res = await http(sys(), { path: `/api/v1/me/inbox${query}`, token });
  expect(res.status, res.text).toBe(200);
  return res.json() as {
    items: Array<{ id: string; kind: string; title: string; link: string | null; readAt: string | null }>;
    nextBefore: string | null;
    unread: number;
  };
};
const markRead = (token: string, body: unknown) => http(sys(), { method: 'POST', path: '/api/v1/me/inbox/read', token, body });
const setPref = (token: string, kind: string, inApp: boolean) =>
  http(sys(), { method: 'PUT', path: '/api/v1/me/notification-preferences', token, body: { kind, inApp } });

/** Tops up and pays on the sandbox, then waits for the signed callback to credit the wallet. */
async function fund(member: { token: string }, amount: string) {
  const res = await http(sys(), { method: 'POST', path: '/api/v1/wallet/top-ups', token: member.token, body: { amount }, key: newKey() });
  expect(res.status, res.text).toBe(201);
  await payTopUp(sys(), res.json().payUrl);
  await eventually(async () =>
    expect((await http(sys(), { path: `/api/v1/wallet/orders/${res.json().orderId}`, token: member.token })).json().status).toBe(
      'succeeded',
    ),
  );
  return res.json().orderId as string;
}

/** The committed outbox event, as the dispatcher hands it to subscribers. */
async function outboxEvent(name: string, orderId: string): Promise<DomainEvent> {
  const { rows } = await sql<{ id: string; seq: bigint; name: string; payload: Record<string, unknown>; occurred_at: Date }>`
    SELECT id, seq, name, payload, occurred_at FROM outbox_events WHERE name = ${name} AND payload->>'orderId' = ${orderId}`.execute(
    sys().platform.db,
  );
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  return { id: row.id, seq: row.seq, name: row.name, payload: row.payload, occurredAt: row.occurred_at };
}

const synthetic = (name: string, payload: Record<string, unknown>): DomainEvent => ({
  id: crypto.randomUUID(),
  seq: 0n,
  name,
  payload,
  occurredAt: new Date(),
});

describe('notifications from domain events', () => {
  it('a paid top-up makes exactly one 充值成功 notification, even when its event is delivered again', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const orderId = await fund(m!, '10010');
    const page = await eventually(async () => {
      const p = await inbox(m!.token);
      expect(p.items.map((i) => i.title)).toContain('充值成功 ¥100.10');
      return p;
    });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: 'money', link: `/wallet/orders/${orderId}`, readAt: null });
    expect(page.unread).toBe(1);

    // At-least-once delivery: the same event twice more still makes one notification.
    const event = await outboxEvent('wallet.order_updated', orderId);
    await notifications().handleEvent(event);
    await notifications().handleEvent(event);
    expect((await inbox(m!.token)).items).toHaveLength(1);

    // The member's open devices were told, once, on their own channel.
    await eventually(async () => {
      const frames = await sys().platform.realtime.log.since(`user:${m!.memberId}`, 0, sys().clock.now().getTime());
      expect(frames).not.toBe('resync');
      expect((frames as string[]).filter((f) => f.includes('"inbox.changed"'))).toHaveLength(1);
    });
  });

  it('words investing and suitability events, amounts included', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const memberId = m!.memberId;
    await notifications().handleEvent(
      synthetic('investing.matured', { memberId, holdingId: crypto.randomUUID(), principal: '1000000', paidReturn: '12345' }),
    );
    await notifications().handleEvent(
      synthetic('investing.experience_granted', { memberId, amount: '588800', expiresAt: '2026-12-24T15:59:59.000Z' }),
    );
    await notifications().handleEvent(synthetic('suitability.assessed', { memberId, level: 'C3', assessmentId: crypto.randomUUID() }));
    const titles = (await inbox(m!.token)).items.map((i) => i.title);
    expect(titles).toEqual(['风险测评完成：C3', '获得体验金 ¥5,888.00，有效期至 2026-12-24', '定期产品到期，本金和收益已到账 ¥10,123.45']);
  });
});

describe('notification preferences', () => {
  it('lists every kind; turning investing off stops new investing notifications; money, moderation and system stay on', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const memberId = m!.memberId;
    const prefs = (await http(sys(), { path: '/api/v1/me/notification-preferences', token: m!.token })).json();
    expect(prefs.items).toHaveLength(8);
    expect(prefs.items).toContainEqual({ kind: 'investing', inApp: true, required: false });
    expect(prefs.items).toContainEqual({ kind: 'money', inApp: true, required: true });
    expect(prefs.items).toContainEqual({ kind: 'moderation', inApp: true, required: true });

    const off = await setPref(m!.token, 'investing', false);
    expect(off.status, off.text).toBe(200);
    expect(off.json().items).toContainEqual({ kind: 'investing', inApp: false, required: false });
    await notifications().handleEvent(synthetic('suitability.assessed', { memberId, level: 'C2' }));
    expect(await notifications().notify({ memberId, kind: 'investing', title: 'x', body: 'y' })).toEqual({
      created: false,
      reason: 'muted',
    });
    await notifications().handleEvent(
      synthetic('investing.experience_granted', { memberId, amount: '100', expiresAt: new Date().toISOString() }),
    );
    expect((await inbox(m!.token)).items.map((i) => i.kind)).toEqual(['money']);

    for (const kind of ['money', 'moderation', 'system']) {
      const res = await setPref(m!.token, kind, false);
      expect(res.status).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'NOTIFICATION_KIND_REQUIRED', message: '资金、处理与系统通知不可关闭' });
    }
    const on = await notifications().notify({ memberId, kind: 'moderation', title: '你的帖子已被隐藏', body: '违反社区规范' });
    expect(on.created).toBe(true);

    // Back on: investing flows again.
    expect((await setPref(m!.token, 'investing', true)).status).toBe(200);
    expect((await notifications().notify({ memberId, kind: 'investing', title: 'x', body: 'y' })).created).toBe(true);
    // Strict bodies.
    expect((await setPref(m!.token, 'nonsense', false)).status).toBe(400);
    const extra = await http(sys(), {
      method: 'PUT',
      path: '/api/v1/me/notification-preferences',
      token: m!.token,
      body: { kind: 'money', inApp: true, sms: true },
    });
    expect(extra.status).toBe(400);
  });
});

describe('the inbox', () => {
  it('pages newest first by keyset, filters, and marks only your own notifications read', async () => {
    const [a, b] = await verifiedMembers(sys(), 2);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const kind = i % 2 ? 'system' : 'reply';
      const out = await notifications().notify({ memberId: a!.memberId, kind, title: `第 ${i} 条`, body: '', link: `/n/${i}` });
      if (out.created) ids.push(out.id);
    }
    expect(ids).toHaveLength(5);

    // Keyset paging: 2 + 2 + 1, newest first, no overlap.
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page = await inbox(a!.token, `?limit=2${before ? `&before=${before}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      before = page.nextBefore;
      pages++;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    expect((await inbox(a!.token, '?kind=system')).items.map((i) => i.title)).toEqual(['第 3 条', '第 1 条']);

    // Another member sees none of them and cannot mark them read.
    expect(await inbox(b!.token)).toMatchObject({ items: [], unread: 0, nextBefore: null });
    const foreign = await markRead(b!.token, { ids });
    expect(foreign.status, foreign.text).toBe(200);
    expect(foreign.json()).toEqual({ marked: 0, unread: 0 });
    expect((await inbox(a!.token)).unread).toBe(5);

    const one = await markRead(a!.token, { ids: [ids[0]!] });
    expect(one.json()).toEqual({ marked: 1, unread: 4 });
    const unread = await inbox(a!.token, '?unread=true');
    expect(unread.items.map((i) => i.id)).toEqual(ids.slice(1).reverse());
    expect((await inbox(a!.token, '?unread=false')).items.map((i) => i.id)).toEqual([ids[0]]);

    const all = await markRead(a!.token, { all: true });
    expect(all.json()).toEqual({ marked: 4, unread: 0 });
    expect((await inbox(a!.token)).items.every((i) => i.readAt !== null)).toBe(true);

    // Malformed requests are 400s, not 500s.
    expect((await markRead(a!.token, {})).status).toBe(400);
    expect((await markRead(a!.token, { ids: ['not-a-uuid'] })).status).toBe(400);
    expect((await markRead(a!.token, { all: false })).status).toBe(400);
    expect((await http(sys(), { path: '/api/v1/me/inbox?before=abc', token: a!.token })).status).toBe(400);
    expect((await http(sys(), { path: '/api/v1/me/inbox' })).status).toBe(401);
  });
});
