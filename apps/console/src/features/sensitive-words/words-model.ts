import type { SensitiveWord, SensitiveWordCategory, SensitiveWordRequest, SensitiveWordVerdict } from '@quanzi/contracts';

export const WORD_MAX = 30;
export const CATEGORIES: SensitiveWordCategory[] = ['contact', 'promise', 'other'];
export const VERDICTS: SensitiveWordVerdict[] = ['flag', 'hold', 'block'];
export const VERDICT_COLORS: Record<SensitiveWordVerdict, string> = { flag: 'gold', hold: 'orange', block: 'red' };

export interface WordFilters {
  q?: string;
  category?: SensitiveWordCategory;
  verdict?: SensitiveWordVerdict;
}

/** The words matching the page's filters (text matches case-insensitively, as the filter does), strictest first then by word. */
export function filterWords(words: readonly SensitiveWord[], f: WordFilters): SensitiveWord[] {
  const q = f.q?.trim().toLowerCase();
  const rank = (v: SensitiveWordVerdict) => VERDICTS.length - VERDICTS.indexOf(v);
  return words
    .filter(
      (w) =>
        (!q || w.word.toLowerCase().includes(q)) && (!f.category || w.category === f.category) && (!f.verdict || w.verdict === f.verdict),
    )
    .sort((a, b) => rank(a.verdict) - rank(b.verdict) || a.word.localeCompare(b.word, 'zh-CN'));
}

export interface WordFormValues {
  word?: string;
  category?: SensitiveWordCategory;
  verdict?: SensitiveWordVerdict;
  ruleCode?: string;
}

export function toWordRequest(v: WordFormValues): SensitiveWordRequest {
  if (!v.category || !v.verdict || !v.ruleCode) throw new Error('incomplete');
  return { word: (v.word ?? '').trim(), category: v.category, verdict: v.verdict, ruleCode: v.ruleCode };
}

/** Whether the word is already listed (adding it again replaces its category, verdict and rule). */
export const existingWord = (words: readonly SensitiveWord[] | undefined, word: string | undefined): SensitiveWord | undefined => {
  const w = word?.trim().toLowerCase();
  return w ? words?.find((x) => x.word.toLowerCase() === w) : undefined;
};
