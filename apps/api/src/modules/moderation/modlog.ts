import type { ModlogQuery, MyModerationEntry, PublicModlogEntry, StaffModlogEntry, StaffModlogQuery } from '@quanzi/contracts';
import { AppError } from '../../platform/errors.js';
import type { ModerationDeps } from './deps.js';
import { presentMine, presentPublic, presentStaff } from './present.js';
import * as repo from './repo.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One keyset page, newest first: fetch one row more than asked to know whether another page follows. */
async function page<T>(
  deps: Pick<ModerationDeps, 'db'>,
  filter: repo.LogFilter,
  cursor: string | undefined,
  limit: number,
  present: (row: repo.LogRow) => T,
): Promise<Page<T>> {
  const rows = await repo.listLog(deps.db, { ...filter, before: cursor === undefined ? undefined : BigInt(cursor) }, limit + 1);
  const items = rows.slice(0, limit);
  return { items: items.map(present), nextCursor: rows.length > limit ? String(items[items.length - 1]!.seq) : null };
}

/** The public moderation log (`/modlog`): no login, roles not names, redacted excerpts. */
export const publicModlog = (deps: Pick<ModerationDeps, 'db'>, q: ModlogQuery): Promise<Page<PublicModlogEntry>> =>
  page(deps, { action: q.action, rule: q.rule }, q.cursor, q.limit, presentPublic);

export async function publicModlogEntry(deps: Pick<ModerationDeps, 'db'>, id: string): Promise<PublicModlogEntry> {
  const row = await repo.findLogRow(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentPublic(row);
}

/** The console's log: every detail, for staff with community.moderate. */
export const staffModlog = (deps: Pick<ModerationDeps, 'db'>, q: StaffModlogQuery): Promise<Page<StaffModlogEntry>> =>
  page(
    deps,
    { action: q.action, rule: q.rule, subjectId: q.memberId, targetType: q.targetType, targetId: q.targetId },
    q.cursor,
    q.limit,
    presentStaff,
  );

/** Actions against the member, with their appeal state (outcome rows show on the action itself). */
export const myModeration = (
  deps: Pick<ModerationDeps, 'db'>,
  memberId: string,
  q: { cursor?: string | undefined; limit: number },
): Promise<Page<MyModerationEntry>> => page(deps, { subjectId: memberId, actionsOnly: true }, q.cursor, q.limit, presentMine);
