import type { Message } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { applyReactions, canRecall, compareSeq, mergeLive, newestSeq, showsTime, toggleReaction, upsertMessages } from './messages';

const author = { id: 'a1', nickname: '林晓', badges: [], badgeTitle: null, trustLevel: 1 };
const msg = (seq: number, over: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  groupId: 'g1',
  seq: String(seq),
  kind: 'text',
  author,
  text: `hello ${seq}`,
  status: 'visible',
  warning: null,
  mentions: [],
  replyTo: null,
  imageUrl: null,
  image: null,
  product: null,
  reactions: [],
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
  ...over,
});
const seqs = (list: Message[]) => list.map((m) => m.seq);

describe('message list', () => {
  it('compares message numbers beyond 2^53 as decimals', () => {
    expect(compareSeq('9', '10')).toBeLessThan(0);
    expect(compareSeq('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareSeq('42', '42')).toBe(0);
  });

  it('keeps seq order and each id once, however the pieces arrive', () => {
    let list = upsertMessages([], [msg(3), msg(4)]);
    list = upsertMessages(list, [msg(1), msg(2)]); // an older page
    list = mergeLive(list, msg(6), false); // live, ahead of a missed one
    list = upsertMessages(list, [msg(5), msg(6)]); // the after= catch-up overlaps
    list = mergeLive(list, msg(6), false); // the hub repeats it
    expect(seqs(list)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(newestSeq(list)).toBe('6');
  });

  it('replaces a changed message in place (recalled, hidden, restored)', () => {
    const list = upsertMessages([], [msg(1), msg(2), msg(3)]);
    const recalled = mergeLive(list, msg(2, { status: 'recalled', text: '' }), false);
    expect(recalled.map((m) => m.status)).toEqual(['visible', 'recalled', 'visible']);
    const restored = mergeLive(recalled, msg(2), false);
    expect(restored[1]!.text).toBe('hello 2');
  });

  it('leaves a change to a not-yet-loaded older message for paging', () => {
    const list = upsertMessages([], [msg(10), msg(11)]);
    expect(mergeLive(list, msg(3, { status: 'hidden' }), true)).toBe(list);
    expect(seqs(mergeLive(list, msg(3), false))).toEqual(['3', '10', '11']);
  });

  it('keeps my reaction flags when the hub copy does not know me', () => {
    const mine = msg(1, { reactions: [{ emoji: '👍', count: 2, mine: true }] });
    const fromHub = msg(1, { status: 'visible', reactions: [{ emoji: '👍', count: 3, mine: false }] });
    const [merged] = mergeLive([mine], fromHub, false);
    expect(merged!.reactions).toEqual([{ emoji: '👍', count: 3, mine: true }]);
    const [fromHttp] = upsertMessages([mine], [fromHub]);
    expect(fromHttp!.reactions[0]!.mine).toBe(false);
  });

  it('applies reaction counts from the hub and drops emptied ones', () => {
    const list = [msg(1, { reactions: [{ emoji: '👍', count: 1, mine: true }] }), msg(2)];
    const next = applyReactions(list, 'm1', [
      { emoji: '👍', count: 0 },
      { emoji: '❤️', count: 2 },
    ]);
    expect(next[0]!.reactions).toEqual([{ emoji: '❤️', count: 2, mine: false }]);
    expect(next[1]).toBe(list[1]);
  });

  it('toggles my reaction optimistically', () => {
    const m = msg(1, { reactions: [{ emoji: '👍', count: 1, mine: false }] });
    const on = toggleReaction(m, '👍', true);
    expect(on.reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    expect(toggleReaction(on, '👍', true)).toBe(on);
    const added = toggleReaction(m, '🙏', true);
    expect(added.reactions.at(-1)).toEqual({ emoji: '🙏', count: 1, mine: true });
    expect(toggleReaction(added, '🙏', false).reactions).toEqual(m.reactions);
  });

  it('shows a time line after a five-minute gap', () => {
    expect(showsTime(undefined, msg(1))).toBe(true);
    expect(showsTime(msg(1), msg(2))).toBe(false);
    expect(showsTime(msg(1), msg(6))).toBe(true);
  });

  it('lets the author withdraw for two minutes only', () => {
    const m = msg(1);
    const at = Date.parse(m.createdAt);
    expect(canRecall(m, 'a1', at + 60_000)).toBe(true);
    expect(canRecall(m, 'a1', at + 121_000)).toBe(false);
    expect(canRecall(m, 'someone', at)).toBe(false);
    expect(canRecall(msg(1, { status: 'recalled' }), 'a1', at)).toBe(false);
  });
});
