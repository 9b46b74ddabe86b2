import { CJK_RUN, lexemes } from './tokenizer.js';

/**
 * Particles and function words a member types in a question ("理财产品的收益稳定吗") that the
 * matching text need not contain. Dropped from the query only (the index keeps them), and only
 * when something else is left: a search for 的 alone still means 的.
 */
const QUERY_STOPWORDS = new Set([
  ...'的地得了着过吗呢吧啊呀嘛哦和与及或是在也都就还很个么',
  ...['the', 'a', 'an', 'of', 'to', 'and', 'or', 'is', 'are'],
]);

/** The distinct lexemes every exact-word hit must contain. Empty when the query has no letters or digits. */
export function queryLexemes(q: string): string[] {
  const all = [...new Set(lexemes(q))];
  const meaningful = all.filter((l) => !QUERY_STOPWORDS.has(l));
  return meaningful.length > 0 ? meaningful : all;
}

const SINGLE_CJK = new RegExp(`^${CJK_RUN.source}$`, 'u');
const isLoneCjk = (lexeme: string) => [...lexeme].length === 1 && SINGLE_CJK.test(lexeme);

/**
 * What a hit inside longer words must contain (see substringExpression): the query's lexemes, with
 * characters jieba left standing alone side by side joined again (绑卡的时候 → 绑 + 卡 + 的 + 时候
 * gives 绑卡 and 时候), so 绑卡 must appear as typed and not as 绑 and 卡 anywhere. Only what was
 * typed together is joined: 绑 卡 with a space stays two units. Particles are dropped as for words.
 */
export function substringUnits(q: string): string[] {
  const all: string[] = [];
  for (const chunk of q.normalize('NFKC').split(/[^\p{L}\p{N}\p{M}]+/u)) {
    let run = '';
    const flush = () => {
      if (run) all.push(run);
      run = '';
    };
    for (const lexeme of lexemes(chunk)) {
      if (isLoneCjk(lexeme) && !QUERY_STOPWORDS.has(lexeme)) run += lexeme;
      else {
        flush();
        all.push(lexeme);
      }
    }
    flush();
  }
  const distinct = [...new Set(all)];
  const meaningful = distinct.filter((u) => !QUERY_STOPWORDS.has(u));
  return meaningful.length > 0 ? meaningful : distinct;
}

/**
 * What to mark in titles and snippets, lower-cased: the query as typed, its space-separated parts
 * and its lexemes. Single characters only when nothing longer exists — marking every 金 in a
 * body because the query was 体验金 would be noise.
 */
export function highlightTerms(q: string, queryLexemes: readonly string[]): string[] {
  const typed = q.trim().toLowerCase();
  const candidates = [...new Set([typed, ...typed.split(/\s+/u), ...queryLexemes])].filter(Boolean);
  const long = candidates.filter((t) => [...t].length > 1);
  return (long.length > 0 ? long : candidates).sort((a, b) => b.length - a.length);
}
