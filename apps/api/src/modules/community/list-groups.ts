import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { CommunityDeps } from './deps.js';
import { presentGroup } from './groups.js';
import { authorCards } from './present.js';
import * as repo from './repo.js';

type Cursor = { at: Date; id: string };
const encode = (c: Cursor) => Buffer.from(`${c.at.toISOString()}|${c.id}`).toString('base64url');
function decode(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !isUuid(id)) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', issue: 'invalid' }]);
  return { at: date, id };
}

/** My groups (with unread counts) or groups to discover, most recently active first. */
export async function listGroups(
  deps: CommunityDeps,
  memberId: string | null,
  q: { view: 'mine' | 'discover' | 'all'; q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await repo.listGroups(deps.db, { memberId, view: q.view, q: q.q, after: decode(q.cursor), limit: q.limit });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    rows: page,
    items: page.map((g) =>
      presentGroup(
        g,
        g.m_role && g.m_state ? { role: g.m_role, state: g.m_state, muted: !!g.m_muted, last_read_seq: g.m_last_read ?? 0n } : null,
      ),
    ),
    nextCursor: rows.length > q.limit && last ? encode({ at: last.sort_at, id: last.id }) : null,
  };
}

export async function listGroupMembers(
  deps: CommunityDeps,
  groupId: string,
  q: { state: 'active' | 'pending'; cursor?: string | undefined; limit: number },
) {
  const rows = await repo.listMemberships(deps.db, groupId, q.state, decode(q.cursor), q.limit);
  const page = rows.slice(0, q.limit);
  const cards = await authorCards(
    deps,
    page.map((m) => m.member_id),
  );
  const last = page.at(-1);
  return {
    items: page.map((m) => ({ member: cards.get(m.member_id)!, role: m.role, state: m.state, joinedAt: m.joined_at.toISOString() })),
    nextCursor: rows.length > q.limit && last ? encode({ at: last.joined_at, id: last.member_id }) : null,
  };
}
