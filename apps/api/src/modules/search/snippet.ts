import type { SearchSegment } from '@quanzi/contracts';
import { stylesWithin, type StyledRange, type TextStyle } from './display.js';

/** Characters of a snippet, and how many of them come before the first match. */
const SNIPPET_WIDTH = 60;
const LEAD = 20;
const ELLIPSIS = '…';

/**
 * Lower-cases for matching without moving offsets: the few characters whose lower case is longer
 * (İ → i̇) stay as they are, so an index into the folded text is an index into the original.
 */
const fold = (text: string): string => {
  const lower = text.toLowerCase();
  return lower.length === text.length
    ? lower
    : Array.from(text, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
};

/** The earliest match of any term in `folded` (the longest one there), or undefined. */
function firstMatch(folded: string, terms: readonly string[]): { at: number; length: number } | undefined {
  let first: { at: number; length: number } | undefined;
  for (const term of terms) {
    const at = folded.indexOf(term);
    if (at !== -1 && (!first || at < first.at || (at === first.at && term.length > first.length))) first = { at, length: term.length };
  }
  return first;
}

interface Piece {
  from: number;
  to: number;
  hit: boolean;
}

/** Splits [start, end) into plain and matched pieces (every match, longest term first, no overlaps). */
function matchPieces(folded: string, start: number, end: number, terms: readonly string[]): Piece[] {
  const out: Piece[] = [];
  let plainFrom = start;
  for (let i = start; i < end;) {
    const term = terms.find((t) => i + t.length <= end && folded.startsWith(t, i));
    if (!term) {
      i++;
      continue;
    }
    if (plainFrom < i) out.push({ from: plainFrom, to: i, hit: false });
    out.push({ from: i, to: i + term.length, hit: true });
    i += term.length;
    plainFrom = i;
  }
  if (plainFrom < end) out.push({ from: plainFrom, to: end, hit: false });
  return out;
}

const styleFlags = (style: TextStyle | undefined): TextStyle =>
  style ? { ...(style.strong && { strong: true }), ...(style.em && { em: true }), ...(style.code && { code: true }) } : {};

/** The pieces as segments, cut again wherever the text's style changes (bold, italic, code). */
function toSegments(text: string, pieces: readonly Piece[], styles: readonly StyledRange[], oneLine: boolean): SearchSegment[] {
  const out: SearchSegment[] = [];
  for (const piece of pieces) {
    const inside = stylesWithin(styles, piece.from, piece.to);
    const cuts = [...new Set([piece.from, piece.to, ...inside.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [from, to] = [cuts[i]!, cuts[i + 1]!];
      const raw = text.slice(from, to);
      out.push({
        text: oneLine ? raw.replace(/\s+/gu, ' ') : raw,
        hit: piece.hit,
        ...styleFlags(inside.find((s) => s.from <= from && s.to >= to)),
      });
    }
  }
  return out;
}

/** Moves an offset off the second half of a surrogate pair so no emoji is cut in two. */
const atCharBoundary = (text: string, i: number, direction: -1 | 1): number => {
  const code = text.charCodeAt(i);
  return i > 0 && i < text.length && code >= 0xdc00 && code <= 0xdfff ? i + direction : i;
};

/** The whole text as segments with every match of `terms` (lower-cased, longest first) marked. */
export const highlight = (text: string, terms: readonly string[]): SearchSegment[] =>
  mergePlain(toSegments(text, matchPieces(fold(text), 0, text.length, terms), [], false));

/**
 * About 60 characters around the first match, as segments (plain text, never HTML), with "…"
 * where the body was cut. Line breaks become spaces: a snippet is one line. When the body has no
 * literal match (the hit came from the title, or from a lexeme written differently), its start.
 * `styles` (from display.ts) marks where the displayed Markdown is bold, italic or code.
 */
export function snippet(
  body: string,
  terms: readonly string[],
  width = SNIPPET_WIDTH,
  styles: readonly StyledRange[] = [],
): SearchSegment[] {
  const folded = fold(body);
  const first = firstMatch(folded, terms) ?? { at: 0, length: 0 };
  let start = Math.max(0, first.at - LEAD);
  // A long match (a 50-character query) is never cut: the window stretches to its end.
  let end = Math.max(Math.min(body.length, start + width), first.at + first.length);
  if (end - start < width) start = Math.max(0, end - width);
  start = atCharBoundary(body, start, -1);
  end = atCharBoundary(body, end, 1);
  const segments = toSegments(body, matchPieces(folded, start, end, terms), styles, true);
  if (start > 0) segments.unshift({ text: ELLIPSIS, hit: false });
  if (end < body.length) segments.push({ text: ELLIPSIS, hit: false });
  return mergePlain(segments);
}

const sameLook = (a: SearchSegment, b: SearchSegment) => !a.strong === !b.strong && !a.em === !b.em && !a.code === !b.code;

/** Joins neighbouring plain segments of the same style (the ellipses too) so clients get the fewest pieces. */
const mergePlain = (segments: SearchSegment[]): SearchSegment[] =>
  segments.reduce<SearchSegment[]>((out, s) => {
    const last = out[out.length - 1];
    if (last && !last.hit && !s.hit && sameLook(last, s)) last.text += s.text;
    else if (s.text) out.push({ ...s });
    return out;
  }, []);
