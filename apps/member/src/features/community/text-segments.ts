import { safeHref } from '@quanzi/web-kit';

export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

/** A bare URL runs to whitespace, quotes, angle brackets or full-width punctuation. */
const URL_PATTERN = /https?:\/\/[^\s<>"'`，。！？；：、（）【】《》「」]+/gi;
/** Trailing ASCII punctuation usually ends the sentence, not the URL. */
const TRAILING = /[.,!?;:)\]}]+$/;

/**
 * Splits member text into plain text and links. Only absolute http(s) URLs become links (checked
 * by `safeHref`: no javascript:, no credentials); everything else stays text that React escapes.
 */
export function textSegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const raw = match[0].replace(TRAILING, '');
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) out.push({ type: 'text', text: text.slice(last, start) });
    out.push({ type: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}
