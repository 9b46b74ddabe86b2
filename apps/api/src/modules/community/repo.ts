import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  visibility: 'public' | 'private';
  join_policy: 'open' | 'approval' | 'invite';
  invite_code: string | null;
  topic: string | null;
  product_id: string | null;
  slow_mode_seconds: number;
  announcement: string | null;
  pinned_message_id: string | null;
  member_count: number;
  last_seq: bigint;
  last_message_at: Date | null;
  created_by: string;
  created_at: Date;
}
export type Role = 'owner' | 'admin' | 'member';
export interface MembershipRow {
  group_id: string;
  member_id: string;
  role: Role;
  state: 'active' | 'pending';
  muted: boolean;
  last_read_seq: bigint;
  last_posted_at: Date | null;
  joined_at: Date;
}
export type MessageStatus = 'visible' | 'held' | 'recalled' | 'hidden' | 'deleted';
export interface MessageRow {
  id: string;
  group_id: string;
  seq: bigint;
  author_id: string;
  kind: 'text' | 'image' | 'product';
  text: string;
  reply_to_id: string | null;
  mentions: string[];
  image_id: string | null;
  product_id: string | null;
  status: MessageStatus;
  warning: string | null;
  created_at: Date;
  changed_at: Date | null;
}
export interface ImageMeta {
  id: string;
  uploader_id: string;
  group_id: string;
  mime: string;
  width: number;
  height: number;
  size: number;
}

// ---- groups

export async function insertGroup(
  db: Executor,
  row: Omit<GroupRow, 'id' | 'member_count' | 'last_seq' | 'last_message_at' | 'pinned_message_id'>,
) {
  const { rows } = await sql<GroupRow>`
    INSERT INTO community_groups (name, description, visibility, join_policy, invite_code, topic, product_id,
      slow_mode_seconds, announcement, created_by, created_at)
    VALUES (${row.name}, ${row.description}, ${row.visibility}, ${row.join_policy}, ${row.invite_code}, ${row.topic},
      ${row.product_id}, ${row.slow_mode_seconds}, ${row.announcement}, ${row.created_by}, ${row.created_at})
    RETURNING *`.execute(db);
  return rows[0]!;
}

export async function findGroup(db: Executor, id: string): Promise<GroupRow | undefined> {
  const { rows } = await sql<GroupRow>`SELECT * FROM community_groups WHERE id = ${id}`.execute(db);
  return rows[0];
}

export async function findGroupByInvite(db: Executor, code: string): Promise<GroupRow | undefined> {
  const { rows } = await sql<GroupRow>`SELECT * FROM community_groups WHERE invite_code = ${code}`.execute(db);
  return rows[0];
}

export async function updateGroup(
  db: Executor,
  id: string,
  patch: Partial<Pick<GroupRow, 'slow_mode_seconds' | 'announcement' | 'description' | 'pinned_message_id' | 'invite_code'>>,
) {
  const sets = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (!sets.length) return findGroup(db, id);
  const assignments = sql.join(sets.map(([k, v]) => sql`${sql.ref(k)} = ${v}`));
  const { rows } = await sql<GroupRow>`UPDATE community_groups SET ${assignments} WHERE id = ${id} RETURNING *`.execute(db);
  return rows[0];
}

/** Takes the next message number under the group row's lock: posts in one group are serialised here. */
export async function nextSeq(db: Executor, groupId: string, now: Date): Promise<bigint> {
  const { rows } = await sql<{ last_seq: bigint }>`
    UPDATE community_groups SET last_seq = last_seq + 1, last_message_at = ${now} WHERE id = ${groupId} RETURNING last_seq`.execute(db);
  return rows[0]!.last_seq;
}

export async function addToMemberCount(db: Executor, groupId: string, delta: number) {
  await sql`UPDATE community_groups SET member_count = member_count + ${delta} WHERE id = ${groupId}`.execute(db);
}

export interface GroupListFilter {
  memberId: string | null;
  view: 'mine' | 'discover' | 'all';
  q?: string | undefined;
  /** Keyset: groups with (sort key, id) after this. */
  after?: { at: Date; id: string } | undefined;
  limit: number;
}

/** Groups with the caller's membership (if any), most recently active first. */
export async function listGroups(db: Executor, f: GroupListFilter) {
  const sortKey = sql`COALESCE(g.last_message_at, g.created_at)`;
  const { rows } = await sql<
    GroupRow & {
      sort_at: Date;
      m_role: Role | null;
      m_state: MembershipRow['state'] | null;
      m_muted: boolean | null;
      m_last_read: bigint | null;
    }
  >`
    SELECT g.*, ${sortKey} AS sort_at, m.role AS m_role, m.state AS m_state, m.muted AS m_muted, m.last_read_seq AS m_last_read
    FROM community_groups g
    LEFT JOIN community_group_members m ON m.group_id = g.id AND m.member_id = ${f.memberId}
    WHERE TRUE
      ${f.view === 'mine' ? sql`AND m.state = 'active'` : sql``}
      ${f.view === 'discover' ? sql`AND (g.visibility = 'public' OR g.join_policy = 'approval' OR m.state IS NOT NULL)` : sql``}
      ${f.q ? sql`AND (g.name ILIKE ${'%' + escapeLike(f.q) + '%'} OR g.topic ILIKE ${'%' + escapeLike(f.q) + '%'})` : sql``}
      ${f.after ? sql`AND (${sortKey}, g.id) < (${f.after.at}, ${f.after.id})` : sql``}
    ORDER BY sort_at DESC, g.id DESC
    LIMIT ${f.limit + 1}`.execute(db);
  return rows;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

// ---- membership

export async function membership(db: Executor, groupId: string, memberId: string): Promise<MembershipRow | undefined> {
  const { rows } = await sql<MembershipRow>`
    SELECT * FROM community_group_members WHERE group_id = ${groupId} AND member_id = ${memberId}`.execute(db);
  return rows[0];
}

/** Inserts a membership; returns undefined when the member already has one (joining twice changes nothing). */
export async function insertMembership(
  db: Executor,
  row: Pick<MembershipRow, 'group_id' | 'member_id' | 'role' | 'state' | 'joined_at' | 'last_read_seq'>,
) {
  const { rows } = await sql<MembershipRow>`
    INSERT INTO community_group_members (group_id, member_id, role, state, joined_at, last_read_seq)
    VALUES (${row.group_id}, ${row.member_id}, ${row.role}, ${row.state}, ${row.joined_at}, ${row.last_read_seq})
    ON CONFLICT DO NOTHING RETURNING *`.execute(db);
  return rows[0];
}

export async function updateMembership(
  db: Executor,
  groupId: string,
  memberId: string,
  patch: Partial<Pick<MembershipRow, 'role' | 'state' | 'muted' | 'last_posted_at' | 'joined_at'>>,
) {
  const sets = Object.entries(patch).filter(([, v]) => v !== undefined);
  const assignments = sql.join(sets.map(([k, v]) => sql`${sql.ref(k)} = ${v}`));
  const { rows } = await sql<MembershipRow>`
    UPDATE community_group_members SET ${assignments} WHERE group_id = ${groupId} AND member_id = ${memberId} RETURNING *`.execute(db);
  return rows[0];
}

/** Moves the read marker forward only; returns how many messages became read. */
export async function advanceReadMarker(db: Executor, groupId: string, memberId: string, seq: bigint): Promise<number> {
  const { rows } = await sql<{ advanced: bigint }>`
    WITH old AS (
      SELECT last_read_seq FROM community_group_members WHERE group_id = ${groupId} AND member_id = ${memberId} FOR UPDATE
    )
    UPDATE community_group_members m SET last_read_seq = LEAST(${seq}::bigint, g.last_seq)
    FROM community_groups g, old
    WHERE m.group_id = ${groupId} AND m.member_id = ${memberId} AND g.id = m.group_id AND LEAST(${seq}::bigint, g.last_seq) > old.last_read_seq
    RETURNING LEAST(${seq}::bigint, g.last_seq) - old.last_read_seq AS advanced`.execute(db);
  return rows[0] ? Number(rows[0].advanced) : 0;
}

export async function deleteMembership(db: Executor, groupId: string, memberId: string): Promise<MembershipRow | undefined> {
  const { rows } = await sql<MembershipRow>`
    DELETE FROM community_group_members WHERE group_id = ${groupId} AND member_id = ${memberId} RETURNING *`.execute(db);
  return rows[0];
}

export async function listMemberships(
  db: Executor,
  groupId: string,
  state: MembershipRow['state'],
  after: { at: Date; id: string } | undefined,
  limit: number,
) {
  const { rows } = await sql<MembershipRow>`
    SELECT * FROM community_group_members
    WHERE group_id = ${groupId} AND state = ${state}
      ${after ? sql`AND (joined_at, member_id) > (${after.at}, ${after.id})` : sql``}
    ORDER BY (role = 'member'), joined_at, member_id
    LIMIT ${limit + 1}`.execute(db);
  return rows;
}

export async function countPending(db: Executor, groupIds: readonly string[]): Promise<Map<string, number>> {
  if (!groupIds.length) return new Map();
  const { rows } = await sql<{ group_id: string; n: number }>`
    SELECT group_id, count(*)::int AS n FROM community_group_members
    WHERE group_id = ANY(${groupIds}::uuid[]) AND state = 'pending' GROUP BY group_id`.execute(db);
  return new Map(rows.map((r) => [r.group_id, r.n]));
}

export async function activeGroupIds(db: Executor, memberId: string): Promise<string[]> {
  const { rows } = await sql<{ group_id: string }>`
    SELECT group_id FROM community_group_members WHERE member_id = ${memberId} AND state = 'active'`.execute(db);
  return rows.map((r) => r.group_id);
}

/** Of `ids`, those who are active members of the group (mentions may only name them). */
export async function activeMembersAmong(db: Executor, groupId: string, ids: readonly string[]): Promise<MembershipRow[]> {
  if (!ids.length) return [];
  const { rows } = await sql<MembershipRow>`
    SELECT * FROM community_group_members
    WHERE group_id = ${groupId} AND state = 'active' AND member_id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return rows;
}

// ---- messages

export async function insertMessage(db: Executor, row: Omit<MessageRow, 'id' | 'changed_at'>): Promise<MessageRow> {
  const { rows } = await sql<MessageRow>`
    INSERT INTO community_messages (group_id, seq, author_id, kind, text, reply_to_id, mentions, image_id, product_id, status, warning, created_at)
    VALUES (${row.group_id}, ${row.seq}, ${row.author_id}, ${row.kind}, ${row.text}, ${row.reply_to_id}, ${row.mentions}::uuid[],
      ${row.image_id}, ${row.product_id}, ${row.status}, ${row.warning}, ${row.created_at})
    RETURNING *`.execute(db);
  return rows[0]!;
}

export async function findMessage(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<MessageRow | undefined> {
  const { rows } = await sql<MessageRow>`
    SELECT * FROM community_messages WHERE id = ${id} ${options.lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0];
}

export async function messagesByIds(db: Executor, ids: readonly string[]): Promise<MessageRow[]> {
  if (!ids.length) return [];
  const { rows } = await sql<MessageRow>`SELECT * FROM community_messages WHERE id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return rows;
}

/**
 * A page of history: `before` pages backwards (newest first, returned oldest first), `after`
 * forwards (what was missed). Held messages are shown to their author only; blocked authors are left out.
 */
export async function listMessages(
  db: Executor,
  q: { groupId: string; viewerId: string | null; before?: bigint | undefined; after?: bigint | undefined; limit: number },
) {
  const visibleTo = q.viewerId
    ? sql`AND (m.status <> 'held' OR m.author_id = ${q.viewerId})
          AND NOT EXISTS (SELECT 1 FROM community_blocks b WHERE b.member_id = ${q.viewerId} AND b.blocked_id = m.author_id)`
    : sql`AND m.status <> 'held'`;
  const { rows } =
    q.after !== undefined
      ? await sql<MessageRow>`
          SELECT * FROM community_messages m WHERE m.group_id = ${q.groupId} AND m.seq > ${q.after} ${visibleTo}
          ORDER BY m.seq ASC LIMIT ${q.limit + 1}`.execute(db)
      : await sql<MessageRow>`
          SELECT * FROM community_messages m WHERE m.group_id = ${q.groupId} ${q.before !== undefined ? sql`AND m.seq < ${q.before}` : sql``} ${visibleTo}
          ORDER BY m.seq DESC LIMIT ${q.limit + 1}`.execute(db);
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { rows: q.after !== undefined ? page : page.reverse(), hasMore };
}

export async function setMessageStatus(db: Executor, id: string, status: MessageStatus, now: Date, options: { clearText?: boolean } = {}) {
  const { rows } = await sql<MessageRow>`
    UPDATE community_messages SET status = ${status}, changed_at = ${now}
      ${options.clearText ? sql`, text = ''` : sql``}
    WHERE id = ${id} RETURNING *`.execute(db);
  return rows[0];
}

// ---- reactions

export async function setReaction(db: Executor, messageId: string, memberId: string, emoji: string, on: boolean, now: Date) {
  if (on)
    await sql`INSERT INTO community_reactions (message_id, member_id, emoji, created_at) VALUES (${messageId}, ${memberId}, ${emoji}, ${now})
      ON CONFLICT DO NOTHING`.execute(db);
  else
    await sql`DELETE FROM community_reactions WHERE message_id = ${messageId} AND member_id = ${memberId} AND emoji = ${emoji}`.execute(db);
}

export async function reactionsOf(db: Executor, messageIds: readonly string[], viewerId: string | null) {
  if (!messageIds.length) return [];
  const { rows } = await sql<{ message_id: string; emoji: string; count: number; mine: boolean }>`
    SELECT message_id, emoji, count(*)::int AS count, bool_or(member_id = ${viewerId}) AS mine
    FROM community_reactions WHERE message_id = ANY(${messageIds}::uuid[])
    GROUP BY message_id, emoji ORDER BY min(created_at)`.execute(db);
  return rows;
}

// ---- images

export async function insertImage(db: Executor, row: Omit<ImageMeta, 'id'> & { bytes: Buffer; created_at: Date }): Promise<ImageMeta> {
  const { rows } = await sql<ImageMeta>`
    INSERT INTO community_images (uploader_id, group_id, mime, width, height, size, bytes, created_at)
    VALUES (${row.uploader_id}, ${row.group_id}, ${row.mime}, ${row.width}, ${row.height}, ${row.size}, ${row.bytes}, ${row.created_at})
    RETURNING id, uploader_id, group_id, mime, width, height, size`.execute(db);
  return rows[0]!;
}

export async function findImage(db: Executor, id: string, withBytes = false) {
  const { rows } = await sql<ImageMeta & { bytes?: Buffer }>`
    SELECT id, uploader_id, group_id, mime, width, height, size ${withBytes ? sql`, bytes` : sql``}
    FROM community_images WHERE id = ${id}`.execute(db);
  return rows[0];
}

export async function imagesByIds(db: Executor, ids: readonly string[]): Promise<ImageMeta[]> {
  if (!ids.length) return [];
  const { rows } = await sql<ImageMeta>`
    SELECT id, uploader_id, group_id, mime, width, height, size FROM community_images WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return rows;
}

// ---- blocks

export async function setBlock(db: Executor, memberId: string, blockedId: string, blocked: boolean, now: Date) {
  if (blocked)
    await sql`INSERT INTO community_blocks (member_id, blocked_id, created_at) VALUES (${memberId}, ${blockedId}, ${now}) ON CONFLICT DO NOTHING`.execute(
      db,
    );
  else await sql`DELETE FROM community_blocks WHERE member_id = ${memberId} AND blocked_id = ${blockedId}`.execute(db);
}

export async function blockedIds(db: Executor, memberId: string): Promise<string[]> {
  const { rows } = await sql<{
    blocked_id: string;
  }>`SELECT blocked_id FROM community_blocks WHERE member_id = ${memberId} ORDER BY created_at`.execute(db);
  return rows.map((r) => r.blocked_id);
}

/** Of `ids`, those who blocked `authorId` (their mention notifications are dropped). */
export async function whoBlocked(db: Executor, authorId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { rows } = await sql<{ member_id: string }>`
    SELECT member_id FROM community_blocks WHERE blocked_id = ${authorId} AND member_id = ANY(${ids}::uuid[])`.execute(db);
  return new Set(rows.map((r) => r.member_id));
}

// ---- experts

export interface ExpertRow {
  member_id: string;
  title: string;
  appointed_by: string;
  appointed_at: Date;
}
export async function upsertExpert(db: Executor, row: ExpertRow) {
  await sql`INSERT INTO community_experts (member_id, title, appointed_by, appointed_at)
    VALUES (${row.member_id}, ${row.title}, ${row.appointed_by}, ${row.appointed_at})
    ON CONFLICT (member_id) DO UPDATE SET title = EXCLUDED.title, appointed_by = EXCLUDED.appointed_by, appointed_at = EXCLUDED.appointed_at`.execute(
    db,
  );
}
export async function deleteExpert(db: Executor, memberId: string): Promise<boolean> {
  const { numAffectedRows } = await sql`DELETE FROM community_experts WHERE member_id = ${memberId}`.execute(db);
  return Number(numAffectedRows ?? 0) > 0;
}
export async function listExperts(db: Executor): Promise<ExpertRow[]> {
  const { rows } = await sql<ExpertRow>`SELECT * FROM community_experts ORDER BY appointed_at DESC`.execute(db);
  return rows;
}
export async function expertsAmong(db: Executor, ids: readonly string[]): Promise<Map<string, ExpertRow>> {
  if (!ids.length) return new Map();
  const { rows } = await sql<ExpertRow>`SELECT * FROM community_experts WHERE member_id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.member_id, r]));
}

// ---- trust

export interface TrustRow {
  member_id: string;
  first_seen_at: Date;
  last_visit_day: string;
  days_visited: number;
  posts_read: number;
  replies_received: number;
  recent_posts: Date[];
}

/**
 * Takes `n` product cards from the member's allowance for `day` (the count restarts on a new day):
 * one conditional UPDATE under the row lock, so two posts at once cannot both take the last card.
 * False when the allowance would be exceeded.
 */
export async function takeProductCards(db: Executor, memberId: string, day: string, n: number, max: number): Promise<boolean> {
  const { rows } = await sql<{ member_id: string }>`
    UPDATE community_trust SET
      product_cards_count = CASE WHEN product_cards_day = ${day}::date THEN product_cards_count + ${n} ELSE ${n} END,
      product_cards_day = ${day}::date
    WHERE member_id = ${memberId}
      AND (CASE WHEN product_cards_day = ${day}::date THEN product_cards_count + ${n} ELSE ${n} END) <= ${max}
    RETURNING member_id`.execute(db);
  return rows.length > 0;
}

/** Counts today's visit once; creates the record on a member's first community visit. */
export async function touchTrust(db: Executor, memberId: string, now: Date, day: string): Promise<TrustRow> {
  const { rows } = await sql<TrustRow>`
    INSERT INTO community_trust (member_id, first_seen_at, last_visit_day) VALUES (${memberId}, ${now}, ${day}::date)
    ON CONFLICT (member_id) DO UPDATE SET
      days_visited = community_trust.days_visited + CASE WHEN community_trust.last_visit_day < EXCLUDED.last_visit_day THEN 1 ELSE 0 END,
      last_visit_day = GREATEST(community_trust.last_visit_day, EXCLUDED.last_visit_day)
    RETURNING member_id, first_seen_at, last_visit_day::text AS last_visit_day, days_visited, posts_read, replies_received, recent_posts`.execute(
    db,
  );
  return rows[0]!;
}

export async function addTrustCounters(db: Executor, memberId: string, delta: { postsRead?: number; repliesReceived?: number }) {
  await sql`UPDATE community_trust SET posts_read = posts_read + ${delta.postsRead ?? 0},
    replies_received = replies_received + ${delta.repliesReceived ?? 0} WHERE member_id = ${memberId}`.execute(db);
}

/** Remembers the last few post times (newcomers' posting rate is limited). */
export async function recordPost(db: Executor, memberId: string, at: Date, keep: number) {
  await sql`UPDATE community_trust SET recent_posts = (ARRAY[${at}::timestamptz] || recent_posts)[1:${keep}] WHERE member_id = ${memberId}`.execute(
    db,
  );
}

export async function trustOf(db: Executor, ids: readonly string[]): Promise<Map<string, TrustRow>> {
  if (!ids.length) return new Map();
  const { rows } = await sql<TrustRow>`
    SELECT member_id, first_seen_at, last_visit_day::text AS last_visit_day, days_visited, posts_read, replies_received, recent_posts
    FROM community_trust WHERE member_id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.member_id, r]));
}

/** Demo regulars: a trust record as if they had been around for a while. */
export async function seedTrust(db: Executor, row: Omit<TrustRow, 'recent_posts'>) {
  await sql`INSERT INTO community_trust (member_id, first_seen_at, last_visit_day, days_visited, posts_read, replies_received)
    VALUES (${row.member_id}, ${row.first_seen_at}, ${row.last_visit_day}::date, ${row.days_visited}, ${row.posts_read}, ${row.replies_received})
    ON CONFLICT (member_id) DO NOTHING`.execute(db);
}

/** Of `memberIds`, those who are active members of any of `groupIds` (segments of the touch layer). */
export async function membersOfAnyGroup(db: Executor, groupIds: readonly string[], memberIds: readonly string[]): Promise<string[]> {
  if (!groupIds.length || !memberIds.length) return [];
  const { rows } = await sql<{ member_id: string }>`
    SELECT DISTINCT member_id FROM community_group_members
    WHERE state = 'active' AND group_id = ANY(${[...groupIds]}::uuid[]) AND member_id = ANY(${[...memberIds]}::uuid[])`.execute(db);
  return rows.map((r) => r.member_id);
}

/** The active owner and admins of a group (analytics' dying-group warning goes to them). */
export async function staffOf(db: Executor, groupId: string): Promise<string[]> {
  const { rows } = await sql<{ member_id: string }>`
    SELECT member_id FROM community_group_members
    WHERE group_id = ${groupId} AND state = 'active' AND role IN ('owner', 'admin') ORDER BY member_id`.execute(db);
  return rows.map((r) => r.member_id);
}
