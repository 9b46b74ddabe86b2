import type { SearchKind } from '@quanzi/contracts';
import { parseMarkdown, type MarkdownBlock, type MarkdownInline } from '@quanzi/web-kit/markdown';

/** How a run of displayed text is set: the styles of the Markdown subset that a snippet keeps. */
export interface TextStyle {
  strong?: true;
  em?: true;
  code?: true;
}

/** A stretch [from, to) of the displayed text and its style (plain stretches are left out). */
export interface StyledRange extends TextStyle {
  from: number;
  to: number;
}

/** What a reader sees of a body: its text without markup, and where that text is bold, italic or code. */
export interface DisplayText {
  text: string;
  styles: StyledRange[];
}

/** Forum content (threads, replies, questions, answers) is Markdown; chat messages are plain text. */
const MARKDOWN_KINDS: ReadonlySet<SearchKind> = new Set(['thread', 'reply', 'question', 'answer']);

/**
 * The body as the apps show it. Markdown bodies go through the apps' own parser (web-kit's
 * markdown.ts), so `**保本**` is the bold word 保本, a link is its label, and a snippet or the index
 * never holds markup a reader does not see. Plain text stays exactly as typed.
 */
export function displayText(kind: SearchKind, body: string): DisplayText {
  if (!MARKDOWN_KINDS.has(kind)) return { text: body, styles: [] };
  const out: DisplayText = { text: '', styles: [] };
  const put = (text: string, style: TextStyle) => {
    if (!text) return;
    const from = out.text.length;
    out.text += text;
    if (style.strong || style.em || style.code) {
      const last = out.styles.at(-1);
      // Neighbouring pieces in the same style are one range.
      if (last && last.to === from && sameStyle(last, style)) last.to = out.text.length;
      else out.styles.push({ from, to: out.text.length, ...style });
    }
  };
  const inline = (nodes: readonly MarkdownInline[], style: TextStyle) => {
    for (const n of nodes) {
      switch (n.type) {
        case 'text':
          put(n.text, style);
          break;
        case 'code':
          put(n.text, { ...style, code: true });
          break;
        case 'strong':
          inline(n.children, { ...style, strong: true });
          break;
        case 'em':
          inline(n.children, { ...style, em: true });
          break;
        case 'link':
          inline(n.children, style);
          break;
        case 'topic':
          put(`#${n.name}#`, style);
          break;
        case 'mention':
          put(`@${n.nickname}`, style);
          break;
        case 'break':
          put('\n', {});
          break;
      }
    }
  };
  const blocks = (list: readonly MarkdownBlock[]) => {
    list.forEach((b, i) => {
      if (i > 0) put('\n', {});
      if (b.type === 'paragraph') inline(b.children, {});
      else if (b.type === 'code_block') put(b.text, { code: true });
      else if (b.type === 'quote') blocks(b.children);
      else
        b.items.forEach((item, j) => {
          if (j > 0) put('\n', {});
          inline(item, {});
        });
    });
  };
  blocks(parseMarkdown(body));
  return out;
}

const sameStyle = (a: TextStyle, b: TextStyle) => !a.strong === !b.strong && !a.em === !b.em && !a.code === !b.code;

/** The style at each UTF-16 offset [from, to) of a display text, as ranges clipped to that window. */
export function stylesWithin(styles: readonly StyledRange[], from: number, to: number): StyledRange[] {
  return styles.filter((s) => s.to > from && s.from < to).map((s) => ({ ...s, from: Math.max(s.from, from), to: Math.min(s.to, to) }));
}
