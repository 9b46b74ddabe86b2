import type { UnansweredAlarm } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { messageLink, OPS_CHANNELS, type CommunityOpsDeps } from './deps.js';
import { isQuestion } from './question.js';
import * as repo from './repo.js';
import { onDutyAt } from './roster.js';
import { effectiveSettings } from './settings.js';
import { alarmDueAt } from './working-hours.js';

/** What `community.message_posted` carries (community/post-message.ts `emitPosted`). */
export interface PostedMessage {
  groupId: string;
  messageId: string;
  authorId: string;
  authorRole: 'owner' | 'admin' | 'member' | 'official';
  text: string;
  replyToId: string | null;
  replyToAuthorId: string | null;
  mentions: string[];
  createdAt: Date;
}

export function postedFrom(event: DomainEvent): PostedMessage | null {
  const p = event.payload;
  if (typeof p.groupId !== 'string' || typeof p.messageId !== 'string' || typeof p.authorId !== 'string') return null;
  if (typeof p.createdAt !== 'string') return null;
  return {
    groupId: p.groupId,
    messageId: p.messageId,
    authorId: p.authorId,
    authorRole: (['owner', 'admin', 'member', 'official'] as const).find((r) => r === p.authorRole) ?? 'member',
    text: typeof p.text === 'string' ? p.text : '',
    replyToId: typeof p.replyToId === 'string' ? p.replyToId : null,
    replyToAuthorId: typeof p.replyToAuthorId === 'string' ? p.replyToAuthorId : null,
    mentions: Array.isArray(p.mentions) ? p.mentions.filter((m): m is string => typeof m === 'string') : [],
    createdAt: new Date(p.createdAt),
  };
}

const EXCERPT = 80;

/**
 * Threads in a group: a Q&A question, or a thread whose title asks something, starts a clock; any
 * reply by someone else answers it (the forum's own unanswered queue is the long-term view).
 */
export async function trackThread(deps: CommunityOpsDeps, event: DomainEvent): Promise<void> {
  const p = event.payload;
  if (typeof p.threadId !== 'string' || typeof p.groupId !== 'string' || typeof p.authorId !== 'string' || typeof p.createdAt !== 'string')
    return;
  const title = typeof p.title === 'string' ? p.title : '';
  if (p.kind !== 'question' && !isQuestion(title)) return;
  const askedAt = new Date(p.createdAt);
  const settings = await effectiveSettings(deps.db, p.groupId);
  await repo.insertQuestion(deps.db, {
    group_id: p.groupId,
    message_id: p.threadId,
    asker_id: p.authorId,
    excerpt: [...title].slice(0, EXCERPT).join(''),
    asked_at: askedAt,
    due_at: alarmDueAt(askedAt, settings.alarmMinutes, settings.workingHours),
    source: 'thread',
  });
}

export async function trackThreadReply(deps: CommunityOpsDeps, event: DomainEvent): Promise<void> {
  const p = event.payload;
  if (typeof p.threadId !== 'string' || typeof p.groupId !== 'string' || typeof p.authorId !== 'string' || typeof p.replyId !== 'string')
    return;
  if (typeof p.createdAt !== 'string') return;
  await transact(deps.db, async (trx) => {
    const answered = await repo.answerQuestions(trx, {
      groupId: p.groupId as string,
      answererId: p.authorId as string,
      answerMessageId: p.replyId as string,
      answeredAt: new Date(p.createdAt as string),
      which: { messageId: p.threadId as string },
    });
    await announceCleared(deps, trx, answered);
  });
}

/** Open boards refresh: an alarmed question was answered or withdrawn. */
async function announceCleared(deps: CommunityOpsDeps, trx: Tx, questions: readonly repo.QuestionRow[]): Promise<void> {
  for (const q of questions.filter((q) => q.alarmed_at))
    for (const channel of OPS_CHANNELS)
      await deps.outbox.emit(trx, 'realtime.broadcast', {
        channel,
        name: 'alarm.cleared',
        data: { id: q.id, groupId: q.group_id, responseSeconds: q.response_seconds },
      });
}

/**
 * A question whose message or thread is gone — withdrawn by its author, hidden or deleted by
 * moderation — waits for nobody: it leaves the board (and the due alarms) unless it was already
 * answered, whose response time stays in the figures. Restoring the content does not bring the
 * question back: by then the conversation has moved on.
 */
export async function withdrawQuestion(deps: CommunityOpsDeps, event: DomainEvent): Promise<void> {
  const p = event.payload;
  const id = typeof p.messageId === 'string' ? p.messageId : typeof p.threadId === 'string' ? p.threadId : null;
  if (!id || p.status === 'visible' || p.status === 'held') return;
  await transact(deps.db, async (trx) => announceCleared(deps, trx, await repo.deletePendingQuestion(trx, id)));
}

const linkOf = (q: Pick<repo.QuestionRow, 'source' | 'group_id' | 'message_id'>) =>
  q.source === 'thread' ? `/community/threads/${q.message_id}` : messageLink(q.group_id, q.message_id);

/**
 * The alarm's side of a posted message, in one transaction. A message answers the pending
 * questions it quotes, those of the members it mentions, and — when written by group staff or an
 * expert — every pending question asked before it in the group; the first response's time is
 * recorded. Then, if it asks something itself, it starts its own clock (unless its author already
 * waits for an answer there: a follow-up is the same question). The official account's
 * automatic posts answer nothing. At least once: the message id keeps questions unique and an
 * answered question is never answered again.
 */
export async function trackMessage(deps: CommunityOpsDeps, m: PostedMessage): Promise<void> {
  if (m.authorRole === 'official' || m.authorId === deps.community.officialAccountId) return;
  const staff = m.authorRole === 'owner' || m.authorRole === 'admin' || (await deps.community.isExpert(m.authorId));
  const settings = await effectiveSettings(deps.db, m.groupId);
  await transact(deps.db, async (trx) => {
    const base = { groupId: m.groupId, answererId: m.authorId, answerMessageId: m.messageId, answeredAt: m.createdAt };
    const answered: repo.QuestionRow[] = [];
    if (staff) answered.push(...(await repo.answerQuestions(trx, { ...base, which: 'all' })));
    else {
      if (m.replyToId) answered.push(...(await repo.answerQuestions(trx, { ...base, which: { messageId: m.replyToId } })));
      const mentioned = m.mentions.filter((id) => id !== m.authorId);
      if (mentioned.length) answered.push(...(await repo.answerQuestions(trx, { ...base, which: { askerIds: mentioned } })));
    }
    await announceCleared(deps, trx, answered);
    if (m.text && isQuestion(m.text) && !(await repo.hasPendingQuestion(trx, m.groupId, m.authorId)))
      await repo.insertQuestion(trx, {
        group_id: m.groupId,
        message_id: m.messageId,
        asker_id: m.authorId,
        excerpt: [...m.text].slice(0, EXCERPT).join(''),
        asked_at: m.createdAt,
        due_at: alarmDueAt(m.createdAt, settings.alarmMinutes, settings.workingHours),
      });
  });
}

const BATCH = 100;

/**
 * The minute job: every open question whose time is up becomes an alarm on the console board; the
 * operators on duty hear of it on `ops:community_manager`, the group's experts in their inbox.
 */
export async function raiseDueAlarms(deps: CommunityOpsDeps, now: Date): Promise<{ raised: number }> {
  let raised = 0;
  const duty = await onDutyAt(deps.db, now);
  for (;;) {
    const n = await transact(deps.db, async (trx) => {
      const due = await repo.dueQuestions(trx, now, BATCH);
      for (const q of due) await raise(deps, trx, q, now, duty);
      return due.length;
    });
    raised += n;
    if (n < BATCH) break;
  }
  return { raised };
}

async function raise(
  deps: CommunityOpsDeps,
  trx: Tx,
  q: repo.QuestionRow,
  now: Date,
  duty: Array<{ operatorId: string; operatorName: string }>,
) {
  const experts = (await deps.community.expertsInGroup(q.group_id)).filter((id) => id !== q.asker_id);
  const link = linkOf(q);
  const minutes = Math.round((now.getTime() - q.asked_at.getTime()) / 60_000);
  for (const memberId of experts)
    await deps.notifications.send(trx, {
      memberId,
      topic: 'replies_mentions',
      title: `有圈友的提问 ${minutes} 分钟无人回复`,
      body: q.excerpt,
      link,
      dedupeKey: `ops-alarm:${q.id}:${memberId}`,
    });
  await repo.markAlarmed(trx, q.id, now, { ids: duty.map((d) => d.operatorId), names: duty.map((d) => d.operatorName) }, experts.length);
  for (const channel of OPS_CHANNELS)
    await deps.outbox.emit(trx, 'realtime.broadcast', {
      channel,
      name: 'alarm.raised',
      data: { id: q.id, groupId: q.group_id, excerpt: q.excerpt, dutyOperatorIds: duty.map((d) => d.operatorId), link },
    });
}

export async function listAlarms(
  deps: CommunityOpsDeps,
  query: { status: 'open' | 'alarmed' | 'answered' | 'all'; groupId?: string | undefined; page: number; pageSize: number },
) {
  const { rows, total, stats } = await repo.listQuestions(deps.db, query, (query.page - 1) * query.pageSize, query.pageSize);
  const names = await deps.community.groupNames(rows.map((r) => r.group_id));
  const cards = await deps.community.authorCards([
    ...rows.map((r) => r.asker_id),
    ...rows.flatMap((r) => (r.answered_by ? [r.answered_by] : [])),
  ]);
  const now = deps.clock.now();
  const items: UnansweredAlarm[] = rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    groupName: names.get(r.group_id) ?? '—',
    messageId: r.message_id,
    askerId: r.asker_id,
    askerName: cards.get(r.asker_id)?.nickname ?? '圈友',
    excerpt: r.excerpt,
    status: r.status,
    askedAt: r.asked_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    alarmedAt: r.alarmed_at?.toISOString() ?? null,
    waitingSeconds: r.status === 'answered' ? null : Math.max(0, Math.floor((now.getTime() - r.asked_at.getTime()) / 1000)),
    dutyOperators: r.duty_operator_names,
    notifiedExperts: r.notified_experts,
    answeredAt: r.answered_at?.toISOString() ?? null,
    answeredBy: r.answered_by ? (cards.get(r.answered_by)?.nickname ?? '圈友') : null,
    responseSeconds: r.response_seconds,
    source: r.source,
    link: linkOf(r),
  }));
  return { items, total, page: query.page, pageSize: query.pageSize, responseStats: stats };
}
