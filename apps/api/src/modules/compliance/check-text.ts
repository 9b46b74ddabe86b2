import { PROMISE_WORDS } from './words.js';

export interface ComplianceViolation {
  /** The list word that matched (as the list writes it). */
  word: string;
  /** UTF-16 offsets into the text as given: `text.slice(start, end)` is the offending span as written. */
  start: number;
  end: number;
}

export interface TextCheck {
  ok: boolean;
  violations: ComplianceViolation[];
}

export interface TextCheckOptions {
  /** The text's language; both lists are checked whatever it is (zh texts quote English and back). */
  locale?: 'zh-CN' | 'en' | undefined;
}

// What people put between the characters of a word to slip it past a filter: spaces, punctuation,
// symbols, zero-width and other format characters. '%' is kept (it is part of "100%兑付").
const SPACER = /[\s\p{P}\p{S}\p{Cf}]/u;
const KEPT = /%/;
const ASCII_ALNUM = /[a-z0-9]/;

/**
 * A word preceded by a negation is a disclaimer, not a promise: 非保本, 不保本, 不承诺保本, 并非零风险,
 * 没有零风险的产品, 打破刚性兑付, "not risk-free". The negation must sit right before the word (a modal
 * such as 是/承诺/保证/能 may come between), so 我不管，保本就行 still matches.
 */
const NEGATED_ZH =
  /(?:不|非|没|没有|无|无法|并非|并不|绝不|别|勿|切勿|谨防|小心|警惕|拒绝|哪有|哪来|严禁|禁止|打破|不存在|杜绝)(?:是|承诺|保证|能|会|可|可能|一定|提供|做)?$/u;
const NEGATED_EN = /(?:not|no|non|never|nothing is|isn't|aren't|without)(?:a|an|the)?$/u;

interface Folded {
  /** The folded text: NFKC, lower case, spacers removed. */
  text: string;
  /** For each folded UTF-16 unit, where its source character starts and ends in the original. */
  from: number[];
  to: number[];
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();
const isSpacer = (ch: string) => SPACER.test(ch) && !KEPT.test(ch);

/** Folds one character at a time so every folded unit still knows its span in the original text. */
function foldText(text: string): Folded {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const end = i + ch.length;
    for (const f of fold(ch)) {
      if (isSpacer(f)) continue;
      out += f;
      for (let k = 0; k < f.length; k++) {
        from.push(i);
        to.push(end);
      }
    }
    i = end;
  }
  return { text: out, from, to };
}

// One needle per folded form ('risk-free' and 'risk free' are the same needle; the first spelling names it).
const NEEDLES = [
  ...new Map(PROMISE_WORDS.map((word) => [[...fold(word)].filter((c) => !isSpacer(c)).join(''), word] as const).reverse()).entries(),
]
  .map(([needle, word]) => ({ word, needle }))
  .filter((n) => n.needle.length > 0);

/**
 * Finds promised or implied guaranteed returns in a marketing text, in every form people write
 * them: full-width (保 本, ＂稳赚＂, ＲＩＳＫ－ＦＲＥＥ), with spaces, punctuation or zero-width
 * characters between the characters, in any case. Negated uses (非保本, 不保本) pass. Overlapping
 * matches are reported once, as the longest. Pure: no I/O, deterministic.
 */
export function checkMarketingText(text: string, _options: TextCheckOptions = {}): TextCheck {
  const folded = foldText(text);
  const found: Array<ComplianceViolation & { length: number }> = [];
  // A negated phrase clears the words inside it: 不承诺保本保息 negates 保息 as well as 保本.
  const negated: Array<{ start: number; end: number }> = [];
  for (const { word, needle } of NEEDLES) {
    const latin = ASCII_ALNUM.test(needle[0]!);
    for (let i = folded.text.indexOf(needle); i !== -1; i = folded.text.indexOf(needle, i + 1)) {
      const start = folded.from[i]!;
      const end = folded.to[i + needle.length - 1]!;
      if (latin) {
        // "no risk" inside "no risky" or "piano risk" is not the phrase.
        const before = fold(text.slice(Math.max(0, start - 1), start));
        const after = fold(text.slice(end, end + 1));
        if (ASCII_ALNUM.test(before) || ASCII_ALNUM.test(after)) continue;
      }
      const preceding = folded.text.slice(Math.max(0, i - 12), i);
      if (NEGATED_ZH.test(preceding) || (latin && NEGATED_EN.test(preceding))) {
        negated.push({ start, end });
        continue;
      }
      found.push({ word, start, end, length: end - start });
    }
  }
  // Longest first; a match inside one already kept is the same offence.
  found.sort((a, b) => b.length - a.length || a.start - b.start);
  const kept: ComplianceViolation[] = [];
  for (const f of found) {
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    if (negated.some((n) => n.start <= f.start && f.end <= n.end)) continue;
    kept.push({ word: f.word, start: f.start, end: f.end });
  }
  kept.sort((a, b) => a.start - b.start);
  return { ok: kept.length === 0, violations: kept };
}

/** Folded for "does this text carry that sentence": spacers and width differences ignored. */
export function carries(text: string, sentence: string): boolean {
  const needle = foldText(sentence).text;
  return needle.length > 0 && foldText(text).text.includes(needle);
}
