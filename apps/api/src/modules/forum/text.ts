import { THREAD_TITLE_MAX_CHARS, THREAD_TITLE_MIN_CHARS, FORUM_BODY_MAX_CHARS } from '@quanzi/contracts';
import { AppError } from '../../platform/errors.js';
import type { ScreenMatch } from './ports.js';

/**
 * Code blocks and code spans, where `#x#` is literal text. The rules follow web-kit's
 * markdown.ts (the parser the apps render with), so a topic the server files a thread under is one
 * the reader sees highlighted.
 */
const CODE = /```[\s\S]*?(```|$)|`+[^`]*`+/g;
const TOPIC = /#([^\s#]{1,20})#/g;

const outsideCode = (text: string) => text.replace(CODE, ' ');

/** The distinct #话题# names in the title and body, in order (at most 10: a thread is not a tag cloud). */
export function topicsIn(...texts: string[]): string[] {
  const names = texts.flatMap((text) => [...outsideCode(text).matchAll(TOPIC)].map((m) => m[1]!));
  return [...new Set(names)].slice(0, 10);
}

/** The start of a text for previews and notifications, cut on a character (not a UTF-16 unit) boundary. */
export function excerpt(text: string, chars = 200): string {
  const codePoints = Array.from(text.trim());
  return codePoints.length <= chars ? codePoints.join('') : `${codePoints.slice(0, chars).join('')}…`;
}

/** Cuts `text` to `max` UTF-16 units (the schemas' measure) on a character boundary, marking the cut with …. */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const c of text) {
    if (out.length + c.length > max - 1) break;
    out += c;
  }
  return `${out}…`;
}

/** The same limits the request schemas apply, for callers that do not come through HTTP (live recaps). */
export function assertThreadText(title: string, body: string): void {
  const issues: Array<{ field: string; issue: string }> = [];
  if (title.length < THREAD_TITLE_MIN_CHARS || title.length > THREAD_TITLE_MAX_CHARS)
    issues.push({ field: 'title', issue: `${THREAD_TITLE_MIN_CHARS}–${THREAD_TITLE_MAX_CHARS} characters` });
  assertBody(body, issues);
  if (issues.length) throw new AppError('VALIDATION_FAILED', {}, issues);
}

export function assertReplyText(body: string): void {
  const issues: Array<{ field: string; issue: string }> = [];
  assertBody(body, issues);
  if (issues.length) throw new AppError('VALIDATION_FAILED', {}, issues);
}

function assertBody(body: string, issues: Array<{ field: string; issue: string }>): void {
  if (!body.trim() || body.length > FORUM_BODY_MAX_CHARS) issues.push({ field: 'body', issue: `1–${FORUM_BODY_MAX_CHARS} characters` });
}

/** What readers are told beside content the word filter flagged. */
export function warningFor(matches: readonly ScreenMatch[]): string {
  if (matches.some((m) => m.category === 'contact'))
    return '内容可能包含站外联系方式。请勿添加陌生人的微信、QQ 或私下转账，平台外的交易不受任何保障。';
  if (matches.some((m) => m.category === 'promise')) return '内容涉及收益承诺。理财有风险，任何“保本”“稳赚”的说法都不可信。';
  return '内容可能违反社区公约，请谨慎甄别。';
}
