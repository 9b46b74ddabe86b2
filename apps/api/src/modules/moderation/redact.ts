import { maskCard, maskIdNumber, maskPhone } from '../../platform/security/mask.js';

/** The public log shows at most this many characters of the content an action was about. */
export const EXCERPT_LENGTH = 80;
/** Reasons and decision notes are redacted too; with the ellipsis they stay within the column's 500. */
export const REASON_MAX = 499;

// A WeChat or QQ id right after the word that introduces it: "微信：abc_123", "vx 13800001111", "QQ号 12345678".
const CONTACT_ID = /(微信号?|weixin|wechat|v信|薇信|vx|wx|qq号?|扣扣|企鹅号?)(\s*[:：]?\s*)([a-z0-9][\w-]{4,19})/giu;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;
// 18-digit resident ID numbers (last character may be X).
const ID_NUMBER = /(?<!\d)\d{17}[\dx](?!\d)/giu;
// Bank cards: 16–19 digits, often written in groups.
const CARD = /(?<!\d)\d(?:[ -]?\d){15,18}(?!\d)/gu;
// Mainland mobiles, with an optional +86 and separators: 13812345678, 138 1234 5678, +86-138-1234-5678.
const PHONE = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/gu;
// Whatever long number is left (landlines, QQ numbers without a keyword): not worth the risk.
const LONG_NUMBER = /(?<!\d)\d{8,}(?!\d)/gu;

const digits = (s: string) => s.replace(/\D/g, '');
/** Full-width digits and Latin letters (１３８, ｖｘ) as ASCII, so they are masked too; Chinese punctuation stays as written. */
const foldWidth = (s: string) =>
  s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * Masks personal data and contact handles in member text and cuts it to the excerpt length, so the
 * public moderation log can show what an action was about without re-publishing what the rules
 * forbid (R2 contact details, R5 personal data). Applied when the row is written: the raw text
 * never reaches the log table.
 */
export function redact(text: string, max = EXCERPT_LENGTH): string {
  const masked = foldWidth(text)
    .replace(CONTACT_ID, (_m, word: string, gap: string) => `${word}${gap}***`)
    .replace(EMAIL, '***@***')
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(CARD, (m) => maskCard(digits(m)))
    .replace(PHONE, (m) => maskPhone(digits(m).slice(-11)))
    .replace(LONG_NUMBER, (m) => `${m.slice(0, 2)}****${m.slice(-2)}`)
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = [...masked];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : masked;
}
