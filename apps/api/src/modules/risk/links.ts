import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { UnionFind } from './union-find.js';

/** Attribute kinds a member is seen with, the link each shared one makes, and how long it counts. */
export const LINK_KINDS = {
  device: { weight: 60, windowDays: 90 },
  // The browser fingerprint (FingerprintJS): identical phones of one model often share one, so alone it never makes a ring.
  fingerprint: { weight: 30, windowDays: 30 },
  card: { weight: 80, windowDays: 365 },
  id_number: { weight: 100, windowDays: 3650 },
  ip24: { weight: 20, windowDays: 7 },
  referral: { weight: 15, windowDays: 365 },
} as const;
export type LinkKind = keyof typeof LINK_KINDS;
/** A pair whose links (in their windows) weigh this much is in one ring; a ring has this many members. */
export const STRONG_PAIR_WEIGHT = 60;
export const RING_MIN_SIZE = 3;
/** At most this many earlier holders of one attribute are linked to a newcomer (a public Wi-Fi is not a ring). */
const MAX_FANOUT = 50;
const DAY = 86_400_000;

/** The /24 (IPv4) or /48 (IPv6) network of an address, and the coarser /16 "region". */
export function subnets(ip: string): { ip24: string; region: string } | null {
  const v = isIP(ip);
  if (v === 4) {
    const p = ip.split('.');
    return { ip24: p.slice(0, 3).join('.'), region: p.slice(0, 2).join('.') };
  }
  if (v === 6) {
    const p = ip.toLowerCase().split(':');
    return { ip24: p.slice(0, 3).join(':'), region: p.slice(0, 2).join(':') };
  }
  return null;
}

/** Pairs are stored with the smaller id first. */
const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/**
 * A member was seen with an attribute: keep it, link the member to the others seen with it inside
 * the kind's window (household members excepted at ring time), and merge rings where the pair is now strong.
 */
export async function observeAttribute(
  trx: Executor,
  input: { memberId: string; kind: LinkKind | 'region'; valueHash: string; at: Date },
): Promise<void> {
  await sql`
    INSERT INTO risk_attributes (member_id, kind, value_hash, first_seen, last_seen)
    VALUES (${input.memberId}, ${input.kind}, ${input.valueHash}, ${input.at}, ${input.at})
    ON CONFLICT (member_id, kind, value_hash) DO UPDATE SET last_seen = GREATEST(risk_attributes.last_seen, EXCLUDED.last_seen)
  `.execute(trx);
  if (input.kind === 'region' || input.kind === 'referral') return;
  const spec = LINK_KINDS[input.kind];
  const since = new Date(input.at.getTime() - spec.windowDays * DAY);
  const others = await sql<{ member_id: string }>`
    SELECT member_id FROM risk_attributes
    WHERE kind = ${input.kind} AND value_hash = ${input.valueHash} AND member_id <> ${input.memberId} AND last_seen >= ${since}
    ORDER BY last_seen DESC LIMIT ${MAX_FANOUT}
  `.execute(trx);
  for (const other of others.rows) await addLink(trx, { a: input.memberId, b: other.member_id, kind: input.kind, at: input.at });
}

export async function addLink(trx: Executor, input: { a: string; b: string; kind: LinkKind; at: Date }): Promise<void> {
  if (input.a === input.b) return;
  const [a, b] = ordered(input.a, input.b);
  await sql`
    INSERT INTO risk_links (member_a, member_b, kind, weight, first_seen, last_seen)
    VALUES (${a}, ${b}, ${input.kind}, ${LINK_KINDS[input.kind].weight}, ${input.at}, ${input.at})
    ON CONFLICT (member_a, member_b, kind) DO UPDATE SET last_seen = GREATEST(risk_links.last_seen, EXCLUDED.last_seen)
  `.execute(trx);
  if ((await pairWeight(trx, a, b, input.at)) >= STRONG_PAIR_WEIGHT) await mergeRings(trx, a, b);
}

/** Sum of the pair's link weights inside each kind's window; 0 for members of one household. */
async function pairWeight(trx: Executor, a: string, b: string, now: Date): Promise<number> {
  const row = await sql<{ w: number | null; household: boolean }>`
    SELECT (SELECT sum(l.weight)::int FROM risk_links l WHERE l.member_a = ${a} AND l.member_b = ${b} AND ${windowed(now)}) AS w,
           EXISTS (SELECT 1 FROM risk_household_members x JOIN risk_household_members y ON y.household_id = x.household_id
                   WHERE x.member_id = ${a} AND y.member_id = ${b}) AS household
  `.execute(trx);
  const r = row.rows[0]!;
  return r.household ? 0 : (r.w ?? 0);
}

/** SQL: the link `l` is still inside its kind's window at `now`. */
const windowed = (now: Date) =>
  sql`l.last_seen >= ${now}::timestamptz - make_interval(days => CASE l.kind ${sql.join(
    Object.entries(LINK_KINDS).map(([k, v]) => sql`WHEN ${k} THEN ${v.windowDays}::int`),
    sql` `,
  )} ELSE 0 END)`;

/**
 * Incremental union: the two members' rings become one, named by its smallest member. Merges are
 * serialised by one advisory lock so two concurrent merges never leave a ring split.
 */
async function mergeRings(trx: Executor, a: string, b: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('risk_rings'))`.execute(trx);
  const rows = await sql<{ member_id: string; ring_id: string }>`
    SELECT member_id, ring_id FROM risk_ring_members WHERE member_id IN (${a}, ${b})
  `.execute(trx);
  const ra = rows.rows.find((r) => r.member_id === a)?.ring_id ?? a;
  const rb = rows.rows.find((r) => r.member_id === b)?.ring_id ?? b;
  if (ra === rb && rows.rows.length === 2) return;
  const target = ra < rb ? ra : rb;
  await sql`UPDATE risk_ring_members SET ring_id = ${target} WHERE ring_id IN (${ra}, ${rb}) AND ring_id <> ${target}`.execute(trx);
  await sql`
    INSERT INTO risk_ring_members (member_id, ring_id) VALUES (${a}, ${target}), (${b}, ${target})
    ON CONFLICT (member_id) DO UPDATE SET ring_id = EXCLUDED.ring_id
  `.execute(trx);
}

/**
 * Rings from scratch: every link inside its window, pair weights summed, household pairs dropped,
 * union-find over the strong pairs. Replaces the incremental state (links that aged out or a new
 * household can split a ring, which incremental union cannot). Returns the number of rings.
 */
export async function rebuildRings(trx: Executor, now: Date): Promise<{ rings: number; members: number; pairs: number }> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('risk_rings'))`.execute(trx);
  const pairs = await sql<{ a: string; b: string }>`
    SELECT l.member_a AS a, l.member_b AS b FROM risk_links l
    WHERE ${windowed(now)}
      AND NOT EXISTS (SELECT 1 FROM risk_household_members x JOIN risk_household_members y ON y.household_id = x.household_id
                      WHERE x.member_id = l.member_a AND y.member_id = l.member_b)
    GROUP BY l.member_a, l.member_b HAVING sum(l.weight) >= ${STRONG_PAIR_WEIGHT}
  `.execute(trx);
  const uf = new UnionFind();
  for (const p of pairs.rows) uf.union(p.a, p.b);
  const components = uf.components(2);
  await sql`DELETE FROM risk_ring_members`.execute(trx);
  const rows: { member_id: string; ring_id: string }[] = [];
  for (const [ringId, members] of components) for (const m of members) rows.push({ member_id: m, ring_id: ringId });
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await sql`
      INSERT INTO risk_ring_members (member_id, ring_id)
      SELECT * FROM unnest(${chunk.map((r) => r.member_id)}::uuid[], ${chunk.map((r) => r.ring_id)}::uuid[])
    `.execute(trx);
  }
  let rings = 0;
  for (const m of components.values()) if (m.length >= RING_MIN_SIZE) rings++;
  return { rings, members: rows.length, pairs: pairs.rows.length };
}

/** A stable, unkeyed digest for values that are already keyed hashes (identity's blind indexes). */
export const digest = (value: string) => createHash('sha256').update(value).digest('hex');
