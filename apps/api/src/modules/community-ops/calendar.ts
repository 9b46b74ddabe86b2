import type { CalendarEntry } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { isUuid } from '../../platform/ids.js';
import { assertCompliant } from './compliance.js';
import { auditActor, type CommunityOpsDeps } from './deps.js';
import { features, fromSigned, hammingDistance, NEAR_DUPLICATE_BITS, simhash, toSigned } from './near-duplicate.js';
import * as repo from './repo.js';
import { nextOccurrence, parseTimeOfDay, type RepeatSpec } from './working-hours.js';

/** How far back the near-duplicate warning looks at what the group saw. */
export const NEAR_DUPLICATE_WINDOW_DAYS = 14;
const EXCERPT = 60;
const hhmm = (t: string) => t.slice(0, 5);
const excerpt = (text: string) => [...text].slice(0, EXCERPT).join('');

export const presentEntry = (r: repo.CalendarEntryRow): CalendarEntry => ({
  id: r.id,
  groupId: r.group_id,
  title: r.title,
  body: r.body,
  repeat: r.repeat,
  time: hhmm(r.time_of_day),
  weekday: r.weekday,
  nextRunAt: r.next_run_at?.toISOString() ?? null,
  status: r.status,
  fromSop: r.sop_application_id !== null,
  postCount: r.post_count,
  lastPostedAt: r.last_posted_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

const specOf = (r: repo.CalendarEntryRow): RepeatSpec => ({
  repeat: r.repeat,
  time: parseTimeOfDay(hhmm(r.time_of_day))!,
  weekday: r.weekday,
});

/** The SimHash of a post's body over search's jieba words and its Han bigrams. */
export function fingerprint(deps: Pick<CommunityOpsDeps, 'search'>, text: string): bigint {
  return simhash(features(text, deps.search.tokenize(text).split(' ').filter(Boolean)));
}

/**
 * What the group saw in the last 14 days (the calendar's posts) and what is already scheduled for
 * it, where the fingerprints are close to `body`'s: a warning, never a refusal (a daily alert is
 * meant to look alike; the operator decides).
 */
export async function nearDuplicates(deps: CommunityOpsDeps, groupId: string, body: string, exceptEntryId?: string) {
  const h = fingerprint(deps, body);
  const since = new Date(deps.clock.now().getTime() - NEAR_DUPLICATE_WINDOW_DAYS * 86_400_000);
  const found: Array<{ source: 'post' | 'entry'; id: string; excerpt: string; at: string | null; distance: number }> = [];
  for (const p of await repo.recentCalendarPosts(deps.db, groupId, since)) {
    const distance = hammingDistance(h, fromSigned(p.simhash));
    if (distance <= NEAR_DUPLICATE_BITS)
      found.push({ source: 'post', id: p.id, excerpt: excerpt(p.text), at: p.posted_at.toISOString(), distance });
  }
  for (const e of await repo.calendarEntries(deps.db, groupId)) {
    if (e.status !== 'scheduled' || e.id === exceptEntryId) continue;
    const distance = hammingDistance(h, fromSigned(e.simhash));
    if (distance <= NEAR_DUPLICATE_BITS)
      found.push({ source: 'entry', id: e.id, excerpt: excerpt(e.body), at: e.next_run_at?.toISOString() ?? null, distance });
  }
  return found.sort((a, b) => a.distance - b.distance).slice(0, 5);
}

async function assertGroup(deps: CommunityOpsDeps, groupId: string) {
  if (!(await deps.community.groupExists(groupId))) throw new AppError('NOT_FOUND');
}

export interface CalendarInput {
  title: string;
  body: string;
  repeat: 'once' | 'daily' | 'weekly';
  time: string;
  weekday?: number | undefined;
  date?: string | undefined;
}

/** Checks the shape of a schedule and returns its first run (SCHEDULE_INVALID otherwise). */
export function firstRun(input: Omit<CalendarInput, 'title' | 'body'>, now: Date): Date {
  const time = parseTimeOfDay(input.time);
  if (time === null) throw new AppError('SCHEDULE_INVALID', { reason: '时间须为 HH:MM' });
  if (input.repeat === 'weekly' && input.weekday === undefined) throw new AppError('SCHEDULE_INVALID', { reason: '每周发布须选择星期' });
  if (input.repeat !== 'weekly' && input.weekday !== undefined)
    throw new AppError('SCHEDULE_INVALID', { reason: '只有每周发布可以选择星期' });
  if (input.repeat === 'once' && !input.date) throw new AppError('SCHEDULE_INVALID', { reason: '单次发布须选择日期' });
  if (input.repeat !== 'once' && input.date) throw new AppError('SCHEDULE_INVALID', { reason: '只有单次发布可以选择日期' });
  if (input.date && Number.isNaN(Date.parse(`${input.date}T00:00:00Z`))) throw new AppError('SCHEDULE_INVALID', { reason: '日期无效' });
  const next = nextOccurrence({ repeat: input.repeat, time, weekday: input.weekday, date: input.date }, now);
  if (!next) throw new AppError('SCHEDULE_INVALID', { reason: '发布时间已过' });
  return next;
}

/** Schedules a post in the caller's transaction (SOP templates use this too); the text has been checked. */
export async function insertEntry(
  deps: CommunityOpsDeps,
  trx: Tx,
  groupId: string,
  input: CalendarInput,
  by: string,
  sopApplicationId: string | null,
  nextRunAt?: Date,
): Promise<repo.CalendarEntryRow> {
  const now = deps.clock.now();
  return repo.insertCalendarEntry(trx, {
    group_id: groupId,
    title: input.title,
    body: input.body,
    repeat: input.repeat,
    time_of_day: input.time,
    weekday: input.weekday ?? null,
    next_run_at: nextRunAt ?? firstRun(input, now),
    status: 'scheduled',
    simhash: toSigned(fingerprint(deps, input.body)),
    sop_application_id: sopApplicationId,
    created_by: by,
    created_at: now,
  });
}

export async function scheduleEntry(
  deps: CommunityOpsDeps,
  op: OperatorPrincipal,
  groupId: string,
  input: CalendarInput,
  ip: string | null,
) {
  await assertGroup(deps, groupId);
  firstRun(input, deps.clock.now());
  assertCompliant({ title: input.title, body: input.body });
  const warnings = await nearDuplicates(deps, groupId, input.body);
  const row = await transact(deps.db, async (trx) => {
    const row = await insertEntry(deps, trx, groupId, input, op.operatorId, null);
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.calendar_scheduled',
      target: { type: 'group', id: groupId },
      after: { ...presentEntry(row), nearDuplicates: warnings.length },
      ip,
    });
    return row;
  });
  return { entry: presentEntry(row), nearDuplicates: warnings };
}

export async function checkContent(deps: CommunityOpsDeps, groupId: string, body: string) {
  await assertGroup(deps, groupId);
  return { nearDuplicates: await nearDuplicates(deps, groupId, body) };
}

export async function listCalendar(deps: CommunityOpsDeps, groupId: string) {
  await assertGroup(deps, groupId);
  const since = new Date(deps.clock.now().getTime() - NEAR_DUPLICATE_WINDOW_DAYS * 86_400_000);
  return {
    items: (await repo.calendarEntries(deps.db, groupId)).map(presentEntry),
    recentPosts: (await repo.recentCalendarPosts(deps.db, groupId, since)).slice(0, 50).map((p) => ({
      id: p.id,
      entryId: p.entry_id,
      excerpt: excerpt(p.text),
      postedAt: p.posted_at.toISOString(),
    })),
  };
}

/** Pause, resume (from the next occurrence) or cancel an entry (audited). */
export async function changeEntry(
  deps: CommunityOpsDeps,
  op: OperatorPrincipal,
  groupId: string,
  id: string,
  status: 'scheduled' | 'paused' | 'cancelled',
  ip: string | null,
) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  return transact(deps.db, async (trx) => {
    const before = await repo.calendarEntry(trx, groupId, id, true);
    if (!before || before.status === 'cancelled') throw new AppError('NOT_FOUND');
    if (before.status === 'done') throw new AppError('SCHEDULE_INVALID', { reason: '已发布的单次内容不能再修改' });
    let next = before.next_run_at;
    if (status === 'scheduled') {
      next = nextOccurrence(specOf(before), deps.clock.now()) ?? (before.repeat === 'once' ? before.next_run_at : null);
      if (before.repeat === 'once' && (!next || next <= deps.clock.now()))
        throw new AppError('SCHEDULE_INVALID', { reason: '发布时间已过' });
    }
    const row = await repo.updateCalendarEntry(trx, id, { status, next_run_at: next });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: `community_ops.calendar_${status === 'scheduled' ? 'resumed' : status}`,
      target: { type: 'group', id: groupId },
      before: presentEntry(before),
      after: presentEntry(row),
      ip,
    });
    return presentEntry(row);
  });
}

const BATCH = 50;

/**
 * The minute job's calendar side: every entry whose time has come is posted once by the official
 * account (the occurrence's due time keys the post, so a retry never posts twice) and moves to its
 * next occurrence; a once-only entry is done.
 */
export async function postDueEntries(deps: CommunityOpsDeps, now: Date): Promise<{ posted: number }> {
  let posted = 0;
  for (;;) {
    const n = await transact(deps.db, async (trx) => {
      const due = await repo.dueCalendarEntries(trx, now, BATCH);
      for (const e of due) {
        const postId = await repo.insertCalendarPost(trx, {
          entry_id: e.id,
          group_id: e.group_id,
          due_at: e.next_run_at!,
          text: e.body,
          simhash: e.simhash,
          message_id: null,
          posted_at: now,
        });
        if (postId) {
          const exists = await deps.community.groupExists(e.group_id);
          if (!exists) {
            await repo.updateCalendarEntry(trx, e.id, { status: 'cancelled' });
            continue;
          }
          const message = await deps.community.postOfficial(trx, e.group_id, { text: e.body });
          await repo.setCalendarPostMessage(trx, postId, message.id);
          posted++;
        }
        const next = e.repeat === 'once' ? null : nextOccurrence(specOf(e), now);
        await repo.updateCalendarEntry(trx, e.id, {
          status: next ? 'scheduled' : 'done',
          next_run_at: next ?? e.next_run_at,
          last_posted_at: postId ? now : e.last_posted_at,
          posted: !!postId,
        });
      }
      return due.length;
    });
    if (n < BATCH) break;
  }
  return { posted };
}
