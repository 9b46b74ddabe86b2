import { lexemes } from './tokenizer.js';

/**
 * Particles and function words a member types in a question ("理财产品的收益稳定吗") that the
 * matching text need not contain. Dropped from the query only (the index keeps them), and only
 * when something else is left: a search for 的 alone still means 的.
 */
const QUERY_STOPWORDS = new Set([
  ...'的地得了着过吗呢吧啊呀嘛哦和与及或是在也都就还很个么',
  ...['the', 'a', 'an', 'of', 'to', 'and', 'or', 'is', 'are'],
]);

/** The distinct lexemes every hit must contain. Empty when the query has no letters or digits. */
export function queryLexemes(q: string): string[] {
  const all = [...new Set(lexemes(q))];
  const meaningful = all.filter((l) => !QUERY_STOPWORDS.has(l));
  return meaningful.length > 0 ? meaningful : all;
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
