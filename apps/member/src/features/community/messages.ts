import type { Message } from '@quanzi/contracts';

export type ReactionCount = { emoji: Message['reactions'][number]['emoji']; count: number };

/** Compares two message numbers (decimal strings that may exceed 2^53). */
export function compareSeq(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keeps the viewer's own "mine" flags when a copy that does not know the viewer (a hub event) replaces a message. */
function keepMine(before: Message['reactions'], after: Message['reactions']): Message['reactions'] {
  const mine = new Set(before.filter((r) => r.mine).map((r) => r.emoji));
  return after.map((r) => ({ ...r, mine: r.mine || (mine.has(r.emoji) && r.count > 0) }));
}

/**
 * Adds or replaces messages by id and keeps the list ordered by seq. `fromHub` marks copies
 * presented for nobody in particular (their reactions never say "mine"), so the flags we had stay.
 */
export function upsertMessages(list: readonly Message[], incoming: readonly Message[], fromHub = false): Message[] {
  if (!incoming.length) return list as Message[];
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) {
    const had = byId.get(m.id);
    byId.set(m.id, had && fromHub ? { ...m, reactions: keepMine(had.reactions, m.reactions) } : m);
  }
  return [...byId.values()].sort((a, b) => compareSeq(a.seq, b.seq));
}

/**
 * A message from the hub (created, or recalled/hidden/restored): merged by id unless it is older
 * than the first message shown while older history is still unloaded — paging up brings it then,
 * in its place, so no gap ever appears in the list.
 */
export function mergeLive(list: readonly Message[], message: Message, olderUnloaded: boolean): Message[] {
  const first = list[0];
  const known = list.some((m) => m.id === message.id);
  if (!known && olderUnloaded && first && compareSeq(message.seq, first.seq) < 0) return list as Message[];
  return upsertMessages(list, [message], true);
}

/** New reaction counts for one message; the viewer's flags stay where the emoji still has a count. */
export function applyReactions(list: readonly Message[], messageId: string, counts: readonly ReactionCount[]): Message[] {
  return list.map((m) => {
    if (m.id !== messageId) return m;
    const mine = new Set(m.reactions.filter((r) => r.mine).map((r) => r.emoji));
    return { ...m, reactions: counts.filter((c) => c.count > 0).map((c) => ({ emoji: c.emoji, count: c.count, mine: mine.has(c.emoji) })) };
  });
}

/** The viewer's own toggle, shown at once (the server's counts replace it when they arrive). */
export function toggleReaction(message: Message, emoji: ReactionCount['emoji'], on: boolean): Message {
  const existing = message.reactions.find((r) => r.emoji === emoji);
  let reactions: Message['reactions'];
  if (existing) {
    if (existing.mine === on) return message;
    reactions = message.reactions
      .map((r) => (r.emoji === emoji ? { ...r, mine: on, count: r.count + (on ? 1 : -1) } : r))
      .filter((r) => r.count > 0);
  } else {
    if (!on) return message;
    reactions = [...message.reactions, { emoji, count: 1, mine: true }];
  }
  return { ...message, reactions };
}

/** Sets the viewer's flag for an emoji (after the server answered a toggle). */
export function setMine(list: readonly Message[], messageId: string, emoji: ReactionCount['emoji'], on: boolean): Message[] {
  return list.map((m) =>
    m.id === messageId ? { ...m, reactions: m.reactions.map((r) => (r.emoji === emoji ? { ...r, mine: on && r.count > 0 } : r)) } : m,
  );
}

/** The newest message number in the list (read markers and `after=` catch-up), or null. */
export const newestSeq = (list: readonly Message[]): string | null => list.at(-1)?.seq ?? null;

/** Shows a time line above a message when it starts the list or follows the previous one by five minutes or more. */
export function showsTime(previous: Message | undefined, message: Message): boolean {
  if (!previous) return true;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) >= 5 * 60_000;
}

/** Whether the author may still withdraw the message (two minutes, visible or held). */
export function canRecall(message: Message, viewerId: string | undefined, now = Date.now()): boolean {
  return (
    !!viewerId &&
    message.author.id === viewerId &&
    (message.status === 'visible' || message.status === 'held') &&
    now - Date.parse(message.createdAt) < 2 * 60_000
  );
}
