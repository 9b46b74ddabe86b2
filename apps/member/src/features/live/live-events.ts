import type { LiveComment, LiveQuestion, LiveSession, LiveSessionDetail } from '@quanzi/contracts';

/** The room keeps at most this many comments; older ones stay a "load earlier" away. */
export const MAX_COMMENTS = 500;

/** A question as a `live.question` event carries it: without the per-reader `upvotedByMe`. */
export type QuestionState = Omit<LiveQuestion, 'upvotedByMe'> & { upvotedByMe?: boolean };

export type CommentEvent = { action: 'created' | 'restored'; comment: LiveComment } | { action: 'hidden'; id: string };
export type QuestionEvent =
  { action: 'created' | 'upvoted' | 'answered' | 'restored'; question: QuestionState } | { action: 'hidden'; id: string };

const byTime = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Comments from every source — a history page, the catch-up after a (re)connect, hub events, the
 * member's own post — merged by id (a later copy wins) and kept oldest first. Past `max`, the
 * oldest go (paging back passes `Infinity`: the member asked for them).
 */
export function mergeComments(list: readonly LiveComment[], incoming: readonly LiveComment[], max = MAX_COMMENTS): LiveComment[] {
  if (!incoming.length) return list as LiveComment[];
  const byId = new Map(list.map((c) => [c.id, c]));
  for (const c of incoming) byId.set(c.id, c);
  const merged = [...byId.values()].sort(byTime);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/** One `live.comment` event: a new or restored comment appears, a hidden one goes (its text never travels). */
export function applyCommentEvent(list: readonly LiveComment[], event: CommentEvent): LiveComment[] {
  if (event.action === 'hidden') return list.filter((c) => c.id !== event.id);
  return mergeComments(list, [event.comment]);
}

/**
 * Questions merged by id. An event does not know whether this reader upvoted, so a copy without
 * `upvotedByMe` keeps the one already known; a vote the reader just made is never lost to an
 * older event (the count only grows, so the larger one is the newer).
 */
export function mergeQuestions(list: readonly LiveQuestion[], incoming: readonly QuestionState[]): LiveQuestion[] {
  const byId = new Map(list.map((q) => [q.id, q]));
  for (const q of incoming) {
    const known = byId.get(q.id);
    const upvotedByMe = q.upvotedByMe ?? known?.upvotedByMe ?? false;
    const answered = known?.status === 'answered' || q.status === 'answered';
    byId.set(q.id, {
      ...q,
      upvotes: Math.max(q.upvotes, known?.upvotes ?? 0),
      upvotedByMe,
      status: answered ? 'answered' : q.status,
      answeredAt: q.answeredAt ?? known?.answeredAt ?? null,
    });
  }
  return sortQuestions([...byId.values()]);
}

/** One `live.question` event. */
export function applyQuestionEvent(list: readonly LiveQuestion[], event: QuestionEvent): LiveQuestion[] {
  if (event.action === 'hidden') return list.filter((q) => q.id !== event.id);
  return mergeQuestions(list, [event.question]);
}

/** Open questions first, most upvoted first, then oldest first; answered ones after them, in the same order. */
export function sortQuestions(list: readonly LiveQuestion[]): LiveQuestion[] {
  return [...list].sort((a, b) => {
    const doneA = a.status === 'answered' ? 1 : 0;
    const doneB = b.status === 'answered' ? 1 : 0;
    if (doneA !== doneB) return doneA - doneB;
    if (a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
    return byTime(a, b);
  });
}

/** A `live.state` event: the session as it is now, keeping what only this reader knows (booked, hosting). */
export function applySessionState(detail: LiveSessionDetail, session: LiveSession): LiveSessionDetail {
  return { ...detail, ...session, subscribed: detail.subscribed, isHost: detail.isHost };
}
