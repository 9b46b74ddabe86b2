import type { LiveComment, LiveQuestion, LiveSessionDetail } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { applyCommentEvent, applyQuestionEvent, applySessionState, mergeComments, mergeQuestions, sortQuestions } from './live-events';

const author = { id: 'm1', nickname: '林晓', badges: [] as Array<'staff' | 'expert'> };
const comment = (id: string, at: number, body = id): LiveComment => ({
  id,
  sessionId: 's',
  author,
  body,
  warning: null,
  status: 'visible',
  createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, at)).toISOString(),
});
const question = (id: string, upvotes: number, at: number, extra: Partial<LiveQuestion> = {}): LiveQuestion => ({
  id,
  sessionId: 's',
  author,
  body: id,
  warning: null,
  upvotes,
  status: 'open',
  answeredAt: null,
  createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, at)).toISOString(),
  upvotedByMe: false,
  ...extra,
});
const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);

describe('live comments', () => {
  it('merges pages, events and own posts by id, oldest first', () => {
    let list = mergeComments([], [comment('b', 2), comment('c', 3)]);
    list = applyCommentEvent(list, { action: 'created', comment: comment('d', 4) });
    list = applyCommentEvent(list, { action: 'created', comment: comment('d', 4) }); // the echo of my own post
    list = mergeComments(list, [comment('a', 1), comment('c', 3, 'edited')]); // catch-up overlaps
    expect(ids(list)).toEqual(['a', 'b', 'c', 'd']);
    expect(list[2]!.body).toBe('edited');
  });

  it('drops hidden comments and brings restored ones back in place', () => {
    let list = mergeComments([], [comment('a', 1), comment('b', 2), comment('c', 3)]);
    list = applyCommentEvent(list, { action: 'hidden', id: 'b' });
    expect(ids(list)).toEqual(['a', 'c']);
    list = applyCommentEvent(list, { action: 'restored', comment: comment('b', 2) });
    expect(ids(list)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the newest comments past the cap', () => {
    const list = mergeComments([], [comment('a', 1), comment('b', 2), comment('c', 3)], 2);
    expect(ids(list)).toEqual(['b', 'c']);
  });
});

describe('live questions', () => {
  it('sorts open questions by upvotes then age, answered ones after', () => {
    const sorted = sortQuestions([
      question('a', 1, 1),
      question('b', 5, 2),
      question('c', 5, 1),
      question('d', 9, 0, { status: 'answered' }),
    ]);
    expect(ids(sorted)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('keeps my upvote when an event (which cannot know it) updates the count', () => {
    let list = mergeQuestions([], [question('a', 1, 1, { upvotedByMe: true })]);
    const { upvotedByMe: _omit, ...state } = question('a', 2, 1);
    list = applyQuestionEvent(list, { action: 'upvoted', question: state });
    expect(list[0]).toMatchObject({ id: 'a', upvotes: 2, upvotedByMe: true });
  });

  it('never lets an older event take back a count or an answer', () => {
    let list = mergeQuestions([], [question('a', 3, 1, { status: 'answered', answeredAt: '2026-01-01T12:10:00.000Z' })]);
    const { upvotedByMe: _omit, ...stale } = question('a', 2, 1);
    list = applyQuestionEvent(list, { action: 'upvoted', question: stale });
    expect(list[0]).toMatchObject({ upvotes: 3, status: 'answered', answeredAt: '2026-01-01T12:10:00.000Z' });
  });

  it('re-sorts as votes arrive and drops hidden questions', () => {
    let list = mergeQuestions([], [question('a', 2, 1), question('b', 1, 2)]);
    const { upvotedByMe: _omit, ...b } = question('b', 3, 2);
    list = applyQuestionEvent(list, { action: 'upvoted', question: b });
    expect(ids(list)).toEqual(['b', 'a']);
    list = applyQuestionEvent(list, { action: 'hidden', id: 'b' });
    expect(ids(list)).toEqual(['a']);
  });
});

describe('live state', () => {
  it('takes the new session state and keeps what only this reader knows', () => {
    const detail = { id: 's', status: 'scheduled', subscribed: true, isHost: true, subscriberCount: 3 } as unknown as LiveSessionDetail;
    const next = applySessionState(detail, { ...detail, status: 'live', subscriberCount: 4 } as unknown as LiveSessionDetail);
    expect(next).toMatchObject({ status: 'live', subscriberCount: 4, subscribed: true, isHost: true });
  });
});
