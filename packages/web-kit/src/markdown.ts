/**
 * The forum's Markdown subset, parsed into a tree the apps render with React elements. Nothing in
 * the tree is HTML: every string is text for a text node, and the only attribute a renderer ever
 * sets is a link's `href`, which is always an absolute http(s) URL checked here. Raw HTML, entities,
 * images and every other Markdown construct stay the characters the member typed.
 *
 * Supported: paragraphs, line breaks (a newline is a break, as Chinese writers expect), **bold**,
 * *italic*, `code`, ``` fenced code blocks, > quotes, `- ` and `1. ` lists, [text](http(s) url),
 * bare http(s) URLs, #话题# topics, @昵称 mentions, and backslash escapes.
 */

export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MarkdownInline[] }
  | { type: 'em'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  /** `href` is always an absolute http: or https: URL without credentials (see `safeHref`). */
  | { type: 'link'; href: string; children: MarkdownInline[] }
  | { type: 'topic'; name: string }
  | { type: 'mention'; nickname: string }
  | { type: 'break' };

export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'code_block'; lang: string | null; text: string }
  | { type: 'quote'; children: MarkdownBlock[] }
  | { type: 'list'; ordered: boolean; start: number; items: MarkdownInline[][] };

/** A topic is `#name#`: 1–20 characters without whitespace or `#` (the API extracts topics by the same rule). */
const TOPIC_PATTERN = /#([^\s#]{1,20})#/y;
/** A mention is `@` and a nickname's letters, digits, `_`, `-` or `·`, up to 16 of them. */
const MENTION_PATTERN = /@([\p{L}\p{N}_·-]{1,16})/uy;
/** A bare URL runs to whitespace, quotes, angle brackets or full-width punctuation. */
const BARE_URL_PATTERN = /https?:\/\/[^\s<>"'`，。！？；：、（）【】《》「」]+/iy;

/** Quotes inside quotes stop nesting here; deeper `>` lines are shown as typed. */
const MAX_QUOTE_DEPTH = 3;
/** Emphasis inside emphasis stops here; deeper markers are shown as typed. */
const MAX_INLINE_DEPTH = 6;

/**
 * The URL a link may point to, or null. Only absolute http(s) URLs qualify; anything that could
 * run script or reach another scheme (javascript:, data:, vbscript:, entity- or whitespace-
 * obfuscated schemes, protocol-relative or relative URLs) and URLs carrying a user name (the
 * `https://bank.com@evil.example` spoof) are refused. The result is the parsed, normalised href.
 */
export function safeHref(raw: string): string | null {
  const candidate = raw.trim();
  // Checked on the raw text first: the URL parser would quietly strip tabs and newlines inside the scheme.
  if (!/^https?:\/\/[^\s\p{Cc}<>"'`\\]+$/iu.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

/** Parses Markdown source (as the member typed it) into blocks. Never throws; bounded work on any input. */
export function parseMarkdown(source: string): MarkdownBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').replaceAll('\u0000', '\uFFFD').split('\n');
  return parseBlocks(lines, 0);
}

const FENCE = /^ {0,3}(`{3,})(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET = /^ {0,3}- +(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})\. +(.*)$/;
const isBlank = (line: string) => line.trim() === '';

/** Whether a line begins a block that ends the paragraph before it (an ordered list only from 1, as in CommonMark). */
function interruptsParagraph(line: string, depth: number): boolean {
  if (FENCE.test(line) || BULLET.test(line)) return true;
  if (depth < MAX_QUOTE_DEPTH && QUOTE.test(line)) return true;
  const ordered = ORDERED.exec(line);
  return ordered !== null && Number(ordered[1]) === 1;
}

function parseBlocks(lines: string[], depth: number): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const info = fence[2]!.trim();
      // An info string with a backtick is not a fence in CommonMark either.
      if (!info.includes('`')) {
        const body: string[] = [];
        i++;
        while (i < lines.length && !new RegExp(`^ {0,3}\`{${marker.length},}\\s*$`).test(lines[i]!)) body.push(lines[i++]!);
        i++; // the closing fence (or the end of the text)
        const lang = /^[\w+#.-]{1,20}/.exec(info)?.[0] ?? null;
        blocks.push({ type: 'code_block', lang, text: body.join('\n') });
        continue;
      }
    }
    if (depth < MAX_QUOTE_DEPTH && QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length) {
        const quoted = QUOTE.exec(lines[i]!);
        if (!quoted) break;
        inner.push(quoted[1]!);
        i++;
      }
      blocks.push({ type: 'quote', children: parseBlocks(inner, depth + 1) });
      continue;
    }
    const ordered = ORDERED.exec(line);
    if (BULLET.test(line) || ordered) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const item = pattern.exec(lines[i]!);
        if (item) {
          items.push(item[item.length - 1]!);
          i++;
        } else if (/^ {2,}\S/.test(lines[i]!) && items.length) {
          // An indented line continues the item above it.
          items[items.length - 1] += `\n${lines[i]!.trim()}`;
          i++;
        } else break;
      }
      blocks.push({
        type: 'list',
        ordered: Boolean(ordered),
        start: ordered ? Number(ordered[1]) : 1,
        items: items.map((text) => parseInline(text, FULL, 0)),
      });
      continue;
    }
    const paragraph: string[] = [line.trim()];
    i++;
    while (i < lines.length && !isBlank(lines[i]!) && !interruptsParagraph(lines[i]!, depth)) paragraph.push(lines[i++]!.trim());
    blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n'), FULL, 0) });
  }
  return blocks;
}

interface InlineOptions {
  /** `[text](url)` and bare URLs: off inside a link's own text. */
  links: boolean;
  /** #话题# and @mentions: off inside a link's text and inside rejected link syntax. */
  tags: boolean;
}
const FULL: InlineOptions = { links: true, tags: true };
const TEXT_ONLY: InlineOptions = { links: false, tags: false };

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
/** ASCII only: Chinese text glues "@昵称" and URLs straight onto the words before them. */
const isAsciiWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.]/.test(c);

function parseInline(text: string, options: InlineOptions, depth: number): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  const push = (node: MarkdownInline) => {
    flush();
    out.push(node);
  };
  const misses = { '*': Infinity, '**': Infinity };
  const codeMisses = new Map<number, number>();
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1]!)) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      push({ type: 'break' });
      i++;
      continue;
    }
    if (c === '`') {
      const span = codeSpan(text, i, codeMisses);
      if (span) {
        push({ type: 'code', text: span.text });
        i = span.end;
      } else {
        const run = /`+/y;
        run.lastIndex = i;
        const ticks = run.exec(text)![0];
        buffer += ticks;
        i += ticks.length;
      }
      continue;
    }
    if (c === '*' && depth < MAX_INLINE_DEPTH) {
      const marker = text.startsWith('**', i) ? '**' : '*';
      const close = emphasisCloser(text, i + marker.length, marker, misses);
      if (close !== -1) {
        const children = parseInline(text.slice(i + marker.length, close), options, depth + 1);
        push(marker === '**' ? { type: 'strong', children } : { type: 'em', children });
        i = close + marker.length;
        continue;
      }
      buffer += marker;
      i += marker.length;
      continue;
    }
    if (c === '[' && options.links) {
      const link = linkAt(text, i);
      if (link) {
        const href = safeHref(link.url);
        // Refused link syntax stays visible as typed, so readers see what the writer tried.
        if (href) push({ type: 'link', href, children: parseInline(link.label, TEXT_ONLY, depth + 1) });
        else
          for (const node of parseInline(text.slice(i, link.end), TEXT_ONLY, depth + 1)) {
            if (node.type === 'text') buffer += node.text;
            else push(node);
          }
        i = link.end;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && options.links && !isAsciiWordChar(text[i - 1])) {
      BARE_URL_PATTERN.lastIndex = i;
      const match = BARE_URL_PATTERN.exec(text);
      if (match) {
        const url = trimUrlTail(match[0]);
        const href = safeHref(url);
        if (href) {
          push({ type: 'link', href, children: [{ type: 'text', text: url }] });
          i += url.length;
          continue;
        }
      }
    }
    if (c === '#' && options.tags) {
      TOPIC_PATTERN.lastIndex = i;
      const match = TOPIC_PATTERN.exec(text);
      if (match) {
        push({ type: 'topic', name: match[1]! });
        i += match[0].length;
        continue;
      }
    }
    // Not after a letter or digit, so "someone@example.com" stays text.
    if (c === '@' && options.tags && !isAsciiWordChar(text[i - 1])) {
      MENTION_PATTERN.lastIndex = i;
      const match = MENTION_PATTERN.exec(text);
      if (match) {
        push({ type: 'mention', nickname: match[1]! });
        i += match[0].length;
        continue;
      }
    }
    buffer += c;
    i++;
  }
  flush();
  return out;
}

/**
 * A `code` span opening at `start`: the closing run has exactly as many backticks. As with
 * emphasis, a run length that found no closer from one position finds none from a later one.
 */
function codeSpan(text: string, start: number, misses: Map<number, number>): { text: string; end: number } | null {
  let n = 0;
  while (text[start + n] === '`') n++;
  if (start >= (misses.get(n) ?? Infinity)) return null;
  const ticks = '`'.repeat(n);
  let at = text.indexOf(ticks, start + n);
  while (at !== -1) {
    let run = 0;
    while (text[at + run] === '`') run++;
    if (run === n) {
      let inner = text.slice(start + n, at).replace(/\n/g, ' ');
      if (inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ')) inner = inner.slice(1, -1);
      return { text: inner, end: at + n };
    }
    at = text.indexOf(ticks, at + run);
  }
  misses.set(n, start);
  return null;
}

/**
 * Where emphasis opened just before `from` closes, or -1: no space inside either end, never empty.
 * Whether a position can close depends on that position only, so once a search from `from` finds
 * nothing, no later opener can succeed either: `misses` remembers that and keeps the work linear.
 */
function emphasisCloser(text: string, from: number, marker: '*' | '**', misses: Record<'*' | '**', number>): number {
  if (isSpace(text[from]) || text[from] === '*' || from >= misses[marker]) return -1;
  const single = marker === '*';
  let at = text.indexOf(marker, from + 1);
  while (at !== -1) {
    const partOfDouble = single && (text[at + 1] === '*' || text[at - 1] === '*');
    if (!partOfDouble && !isSpace(text[at - 1])) {
      // "**bold *italic***": the closing pair is the last two stars of the run.
      let end = at;
      if (!single) while (text[end + 2] === '*') end++;
      return end;
    }
    at = text.indexOf(marker, at + (single && text[at + 1] === '*' ? 2 : 1));
  }
  misses[marker] = Math.min(misses[marker], from);
  return -1;
}

/** Longer link targets are not links: bounds the scan for the closing parenthesis. */
const MAX_URL_CHARS = 2048;

/** `[label](url)` at `start`: the label has no brackets, the URL may hold balanced parentheses. */
function linkAt(text: string, start: number): { label: string; url: string; end: number } | null {
  let i = start + 1;
  while (i < text.length && text[i] !== ']') {
    if (text[i] === '[') return null;
    i++;
  }
  if (text[i] !== ']' || text[i + 1] !== '(' || i === start + 1) return null;
  const labelEnd = i;
  let depth = 0;
  const limit = Math.min(text.length, labelEnd + 2 + MAX_URL_CHARS);
  for (let j = labelEnd + 2; j < limit; j++) {
    if (text[j] === '(') depth++;
    else if (text[j] === ')') {
      if (depth === 0) return { label: text.slice(start + 1, labelEnd), url: text.slice(labelEnd + 2, j), end: j + 1 };
      depth--;
    }
  }
  return null;
}

/** Sentence punctuation after a bare URL is not part of it; a `)` is only when it closes a `(` inside. */
function trimUrlTail(url: string): string {
  let end = url.length;
  while (end > 0) {
    const c = url[end - 1]!;
    if ('.,;:!?'.includes(c)) end--;
    else if (c === ')' && url.slice(0, end).split('(').length < url.slice(0, end).split(')').length) end--;
    else break;
  }
  return url.slice(0, end);
}

/** The text a tree shows, without markup: previews, notifications, screen readers. */
export function plainText(blocks: readonly MarkdownBlock[]): string {
  const inline = (nodes: readonly MarkdownInline[]): string =>
    nodes
      .map((n) => {
        switch (n.type) {
          case 'text':
          case 'code':
            return n.text;
          case 'strong':
          case 'em':
          case 'link':
            return inline(n.children);
          case 'topic':
            return `#${n.name}#`;
          case 'mention':
            return `@${n.nickname}`;
          case 'break':
            return '\n';
        }
      })
      .join('');
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return inline(b.children);
        case 'code_block':
          return b.text;
        case 'quote':
          return plainText(b.children);
        case 'list':
          return b.items.map(inline).join('\n');
      }
    })
    .join('\n');
}

/** Every inline node of a tree, depth first (for collecting topics, mentions or links). */
export function inlineNodes(blocks: readonly MarkdownBlock[]): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  const walk = (nodes: readonly MarkdownInline[]) => {
    for (const n of nodes) {
      out.push(n);
      if (n.type === 'strong' || n.type === 'em' || n.type === 'link') walk(n.children);
    }
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') walk(b.children);
    else if (b.type === 'quote') out.push(...inlineNodes(b.children));
    else if (b.type === 'list') b.items.forEach(walk);
  }
  return out;
}

/** The distinct #话题# names in a tree, in order of first appearance. */
export const topicsOf = (blocks: readonly MarkdownBlock[]): string[] => [
  ...new Set(inlineNodes(blocks).flatMap((n) => (n.type === 'topic' ? [n.name] : []))),
];

/** The distinct @mentioned nicknames in a tree, in order of first appearance. */
export const mentionsOf = (blocks: readonly MarkdownBlock[]): string[] => [
  ...new Set(inlineNodes(blocks).flatMap((n) => (n.type === 'mention' ? [n.nickname] : []))),
];
