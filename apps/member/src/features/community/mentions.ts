/** A member picked in the @ picker: the id goes to the server, "@昵称" stays in the text for readers. */
export interface PickedMention {
  id: string;
  nickname: string;
}

export const MAX_MENTIONS = 20;

/** True when the edit from `before` to `after` typed one "@" just before `caret` (the picker opens then). */
export function typedAt(before: string, after: string, caret: number): boolean {
  if (after.length !== before.length + 1 || caret < 1 || after[caret - 1] !== '@') return false;
  return after.slice(0, caret - 1) + after.slice(caret) === before;
}

/** Puts the picked nickname after the "@" that sits just before `caret`; returns the text and where the caret goes. */
export function insertMention(text: string, caret: number, nickname: string): { text: string; caret: number } {
  const at = Math.max(0, Math.min(caret, text.length));
  // Opened by typing "@": the nickname follows it; opened from a button: the "@" comes too.
  const head = text[at - 1] === '@' ? text.slice(0, at) : `${text.slice(0, at)}@`;
  const inserted = `${nickname} `;
  return { text: head + inserted + text.slice(at), caret: head.length + inserted.length };
}

/**
 * The ids to notify: the members picked whose "@昵称" is still in the text (deleted ones are
 * dropped), each once, at most the server's limit.
 */
export function mentionIds(text: string, picked: readonly PickedMention[]): string[] {
  const ids: string[] = [];
  for (const p of picked) {
    if (ids.includes(p.id) || !text.includes(`@${p.nickname}`)) continue;
    ids.push(p.id);
    if (ids.length === MAX_MENTIONS) break;
  }
  return ids;
}

/** Characters as the server counts them (code points, so an emoji is one). */
export const charCount = (text: string): number => [...text].length;
