import { CJK_RUN, GRAM_MARK, grams, lexemes } from './tokenizer.js';

/*
 * The index and the query are written as tsvector / tsquery literals (quoted lexemes cast with
 * ::tsvector / ::tsquery) instead of to_tsvector('simple', …) over the space-joined tokens. The
 * 'simple' configuration would run our tokens through PostgreSQL's word parser again, and what
 * that parser calls a letter depends on the server's LC_CTYPE (under the C locale every non-ASCII
 * character is one, so '，' and emoji become lexemes; under C.UTF-8 they vanish). Literals hold
 * exactly our lexemes, so the embedded and the external server index byte for byte alike.
 *
 * A document holds two kinds of lexeme: jieba's words (理财产品, 理财, 产品 …) and, in their own
 * namespace (`~`), the character grams of its CJK runs (see `grams`). Words rank: a query's words
 * all present is an exact-word hit. Grams recall: 微信 inside 加微信, 绑卡 where jieba cut 绑 + 卡.
 */

/**
 * What `documentVector` writes. Bump it whenever the lexemes or positions it produces change:
 * documents written by an older version are re-indexed in the background (reindex.ts).
 */
export const INDEX_VERSION = 2;

/** PostgreSQL keeps positions up to 16383 and at most 256 per lexeme; later ones add nothing. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;

/** A quoted lexeme. Word lexemes hold only letters, digits and marks; quoting stays exact anyway. */
const quote = (lexeme: string): string => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The document's tsvector literal: title lexemes with weight A (a title match ranks higher), then
 * the body's (default weight D), each with its positions so ts_rank_cd can reward matches that
 * stand close together and phrases of grams can require adjacency. Words and grams count
 * positions separately (each from 1), so a 10,000-character body stays inside PostgreSQL's
 * position limit and a gram phrase never depends on how jieba cut the words around it.
 */
export function documentVector(title: string | null, body: string): string {
  const positions = new Map<string, string[]>();
  const counters = { words: 0, grams: 0 };
  const add = (list: readonly string[], counter: keyof typeof counters, weight: '' | 'A') => {
    for (const lexeme of list) {
      counters[counter] = Math.min(counters[counter] + 1, MAX_POSITION);
      const at = positions.get(lexeme) ?? [];
      if (at.length < MAX_POSITIONS_PER_LEXEME) at.push(`${counters[counter]}${weight}`);
      positions.set(lexeme, at);
    }
  };
  for (const [text, weight] of [
    [title, 'A'],
    [body, ''],
  ] as const) {
    if (!text) continue;
    add(lexemes(text), 'words', weight);
    add(grams(text), 'grams', weight);
  }
  return [...positions].map(([lexeme, list]) => `${quote(lexeme)}:${list.join(',')}`).join(' ');
}

/** Exact-word query: every lexeme must occur as a word (AND). Callers pass at least one lexeme. */
export const queryExpression = (queryLexemes: readonly string[]): string => queryLexemes.map(quote).join(' & ');

/**
 * Substring query: every unit (query-terms.ts substringUnits) must occur somewhere, also inside a
 * longer word. A unit that is part of another adds nothing (理财 inside 理财产品) and is left out. Within a unit,
 * a CJK run of two or more characters is a phrase of adjacent bigrams (直播回放 → ~直播 <-> ~播回 <->
 * ~回放), a single CJK character a gram prefix (~金:* — 金 anywhere, 现金 included), and a Latin
 * part a word prefix (etf:* finds etfs), except pure numbers and single letters, which stay exact.
 */
export function substringExpression(units: readonly string[]): string {
  const kept = units.filter((l, i) => !units.some((other, j) => j !== i && other.length > l.length && other.includes(l)));
  const terms = [...new Set(kept)].flatMap(lexemeTerms);
  return terms.join(' & ');
}

function lexemeTerms(lexeme: string): string[] {
  const terms: string[] = [];
  let last = 0;
  const latin = (part: string) => {
    if (!part) return;
    terms.push(/\p{L}/u.test(part) && [...part].length > 1 ? `${quote(part)}:*` : quote(part));
  };
  for (const match of lexeme.matchAll(CJK_RUN)) {
    latin(lexeme.slice(last, match.index));
    last = match.index + match[0].length;
    const chars = [...match[0]];
    if (chars.length === 1) terms.push(`${quote(GRAM_MARK + chars[0]!)}:*`);
    else {
      const pairs = chars.slice(0, -1).map((c, i) => quote(GRAM_MARK + c + chars[i + 1]!));
      terms.push(pairs.length === 1 ? pairs[0]! : `(${pairs.join(' <-> ')})`);
    }
  }
  latin(lexeme.slice(last));
  return terms;
}
