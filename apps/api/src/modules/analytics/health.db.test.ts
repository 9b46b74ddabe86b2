import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { assessGroup, groupFacts } from './health.js';
import type { EventRow } from './repo.js';
import { insertEvents } from './store.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const NOW = new Date('2026-11-24T02:00:00Z');
const DAY = 86_400_000;
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY - hours * 3600_000);
const row = (name: string, memberId: string, groupId: string, at: Date, properties: Record<string, unknown> = {}): EventRow => ({
  id: randomUUID(),
  name,
  source: 'server',
  anonymous_id: null,
  member_id: memberId,
  occurred_at: at,
  received_at: at,
  channel: null,
  utm_source: null,
  device: null,
  product_id: null,
  group_id: groupId,
  amount: null,
  properties,
});

describe('community health on synthetic groups', () => {
  it('flags the dying group (activity falling for weeks, responses slower) and not the healthy one', async () => {
    const healthy = randomUUID();
    const dying = randomUUID();
    const rows: EventRow[] = [];
    const people = Array.from({ length: 40 }, () => randomUUID());
    for (const [g, perWeek] of [
      [healthy, [120, 112, 124, 116, 120, 120, 120, 120]],
      [dying, [3, 8, 15, 24, 30, 30, 30, 30]],
    ] as const) {
      for (const p of people) rows.push(row('joined_group', p, g, ago(90)));
      perWeek.forEach((n, week) => {
        for (let i = 0; i < n; i++) {
          const author = people[(i * 7 + week) % (g === healthy ? 40 : 12)]!;
          const replyTo = i % 2 === 0 ? { replyToId: randomUUID(), replyToAuthorId: people[(i + 1) % 40] } : {};
          rows.push(row('posted', author, g, ago(week * 7 + (i % 7), 1), replyTo));
        }
      });
    }
    await insertEvents(database.db, rows);
    const q = (g: string, askedDaysAgo: number, minutes: number | null) => ({
      group_id: g,
      asked_at: ago(askedDaysAgo),
      answered_at: minutes === null ? null : new Date(ago(askedDaysAgo).getTime() + minutes * 60_000),
    });
    const questions = [
      q(healthy, 40, 10),
      q(healthy, 35, 12),
      q(healthy, 5, 8),
      q(healthy, 3, 9),
      // The dying group answered within minutes a month ago; now in hours, one still open.
      q(dying, 40, 5),
      q(dying, 35, 6),
      q(dying, 5, 240),
      q(dying, 2, null),
    ];
    const facts = await groupFacts(database.db, NOW, questions);
    const by = Object.fromEntries(facts.map((f) => [f.groupId, assessGroup(f, NOW)]));
    expect(by[dying]!.dying).toBe(true);
    expect(by[dying]!.stage).toBe('declining');
    expect(by[dying]!.signals).toContain('首次响应变慢');
    expect(by[dying]!.unanswered).toBe(1);
    // The open question counts with its age so far (2 days), so p90 is that, not the 4 hours.
    expect(by[dying]!.responseP90Seconds).toBe(2 * 86_400);
    expect(by[healthy]!.dying).toBe(false);
    expect(by[healthy]!.stage).toBe('collaboration');
    expect(by[healthy]!.weekly.slice(0, 4)).toEqual([120, 112, 124, 116]);
    // 40 members, 12 of them talk in the dying group: 70% lurk.
    expect(by[dying]!.lurkerShare).toBeCloseTo(28 / 40, 5);
    expect(by[healthy]!.dauMau).toBeGreaterThan(0.2);
  });

  it('credits investments to groups by last touch (the product card’s group) and first touch', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const m = randomUUID();
    const other = randomUUID();
    const invest = (member: string, at: Date, amount: bigint, source: string | null): EventRow => ({
      ...row('invested', member, a, at, source ? { source } : {}),
      group_id: null,
      amount,
    });
    await insertEvents(database.db, [
      row('joined_group', m, b, ago(20)), // first touch: group b
      row('posted', m, a, ago(6)),
      invest(m, ago(1), 100_000n, `group:${b}:message:${randomUUID()}`), // bought from a card shared in b
      invest(m, ago(0, 2), 50_000n, null), // no card: latest activity within 7 days (group a)
      invest(other, ago(0, 1), 70_000n, null), // no community touch at all
    ]);
    const facts = await groupFacts(database.db, NOW, []);
    const by = Object.fromEntries(facts.map((f) => [f.groupId, assessGroup(f, NOW).attributed]));
    expect(by[b]).toEqual({ lastTouch: '100000', firstTouch: '150000', lastTouchInvestments: 1 });
    expect(by[a]).toEqual({ lastTouch: '50000', firstTouch: '0', lastTouchInvestments: 1 });
  });

  it('newcomer first-week value on a scripted week', async () => {
    const g = randomUUID();
    const [ann, bo, cy, old] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await insertEvents(database.db, [
      row('joined_group', old, g, ago(200)),
      // Ann joined 10 days ago and was replied to on day 2: valued.
      row('joined_group', ann, g, ago(10)),
      row('posted', ann, g, ago(9)),
      row('posted', old, g, ago(8), { replyToId: randomUUID(), replyToAuthorId: ann }),
      // Bo joined 12 days ago and read a thread in the group on day 3: valued.
      row('joined_group', bo, g, ago(12)),
      { ...row('thread_read', bo, g, ago(9)), source: 'client' },
      // Cy joined 14 days ago; the reply came on day 8, too late.
      row('joined_group', cy, g, ago(14)),
      row('posted', old, g, ago(6), { replyToId: randomUUID(), replyToAuthorId: cy }),
    ]);
    const [facts] = await groupFacts(database.db, NOW, [], g);
    expect(facts!.newcomers).toBe(3); // `old` joined long ago and is not a newcomer
    expect(assessGroup(facts!, NOW).newcomerFirstWeekValue).toBeCloseTo(2 / 3, 5);
  });
});
