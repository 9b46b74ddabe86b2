import type { SensitiveWordCategory, SensitiveWordVerdict } from '@quanzi/contracts';

export type ScreenVerdict = 'pass' | SensitiveWordVerdict;

/** One word of the filter's list, as the matcher needs it (stored normalised: NFKC, lower case). */
export interface WordEntry {
  word: string;
  category: SensitiveWordCategory;
  verdict: SensitiveWordVerdict;
  ruleCode: string;
}

export interface ScreenMatch {
  word: string;
  category: SensitiveWordCategory;
  verdict: SensitiveWordVerdict;
  ruleCode: string;
}

export interface Screening {
  /** The strictest verdict among the matches; 'pass' when nothing matched. */
  verdict: ScreenVerdict;
  /** Strictest first. */
  matches: ScreenMatch[];
}

const SEVERITY: Record<ScreenVerdict, number> = { pass: 0, flag: 1, hold: 2, block: 3 };

/** How the same word is written for the list and for the text: full-width folded, lower case. */
export const normaliseWord = (word: string): string => word.normalize('NFKC').toLowerCase().trim();

// Characters people put between the letters of a word to slip past a filter ("加 微 信", "加*微*信").
const SPACER = /[\s\u200b-\u200d\u2060\ufeff*.·_\-|/\\~]/u;
const ASCII_ALNUM = /[a-z0-9]/;

/**
 * A word preceded by a negation is a disclaimer or a warning, not a violation: "非保本", "不承诺保本",
 * "没有零风险的产品", "千万别私下转账". The negation must sit right before the word (a modal such as
 * 是/承诺/能 may come between), so "我不管，保本就行" still matches.
 */
const NEGATED =
  /(?:不|非|没|没有|无|无法|并非|别|勿|切勿|谨防|小心|警惕|拒绝|哪有|哪来|严禁|禁止)(?:是|承诺|保证|能|会|要|可|可能|一定|去)?$/u;

/** The text with spacers removed, and where each remaining character sat in the normalised text. */
function compact(text: string): { normalised: string; compacted: string; at: number[] } {
  const normalised = text.normalize('NFKC').toLowerCase();
  let compacted = '';
  const at: number[] = [];
  for (let i = 0; i < normalised.length; i++) {
    const ch = normalised[i]!;
    if (SPACER.test(ch)) continue;
    compacted += ch;
    at.push(i);
  }
  return { normalised, compacted, at };
}

/** True when some occurrence of `word` in the text counts (is neither negated nor inside a Latin word). */
function occurs(text: ReturnType<typeof compact>, word: string): boolean {
  const needle = word.replace(new RegExp(SPACER.source, 'gu'), '');
  if (!needle) return false;
  const latinStart = ASCII_ALNUM.test(needle[0]!);
  for (let i = text.compacted.indexOf(needle); i !== -1; i = text.compacted.indexOf(needle, i + 1)) {
    // "vx" inside "devx" is not a contact handle; checked in the text as written (spaces kept).
    if (latinStart && i > 0 && ASCII_ALNUM.test(text.normalised[text.at[i]! - 1] ?? '')) continue;
    if (NEGATED.test(text.compacted.slice(Math.max(0, i - 6), i))) continue;
    return true;
  }
  return false;
}

/**
 * Checks text against the word list. A simple loop over the list: fast enough for the few hundred
 * words a community keeps (an Aho–Corasick automaton pays off only in the tens of thousands).
 */
export function screenText(words: readonly WordEntry[], text: string): Screening {
  const prepared = compact(text);
  const matches = words
    .filter((w) => occurs(prepared, w.word))
    .map(({ word, category, verdict, ruleCode }) => ({ word, category, verdict, ruleCode }))
    .sort((a, b) => SEVERITY[b.verdict] - SEVERITY[a.verdict]);
  return { verdict: matches[0]?.verdict ?? 'pass', matches };
}
