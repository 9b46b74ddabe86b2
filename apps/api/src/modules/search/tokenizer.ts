import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { financeDictionary } from './finance-dict.js';

let jieba: Jieba | undefined;

/**
 * Built on first use, once per process: parsing the default dictionary takes ~200 ms, which API
 * start-up and tests that never search should not pay.
 */
function segmenter(): Jieba {
  if (!jieba) {
    const instance = Jieba.withDict(dict);
    instance.loadDict(financeDictionary());
    jieba = instance;
  }
  return jieba;
}

/** Longer runs (a pasted hash, a URL path) are noise to a search and only bloat the index. */
const MAX_LEXEME = 64;
/** Anything that is not a letter, digit or combining mark separates lexemes (punctuation, spaces, emoji). */
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;

/**
 * The text's lexemes in reading order, repeats kept (positions matter for ranking): jieba's
 * search mode (a long word and its dictionary sub-words, 理财产品 → 理财, 财产, 产品, 理财产品),
 * NFKC first so full-width ＡＢＣ１２３ equals ABC123, lower-cased, punctuation and spaces dropped.
 */
export function lexemes(text: string): string[] {
  const out: string[] = [];
  for (const token of segmenter().cutForSearch(text.normalize('NFKC'), true)) {
    for (const part of token.toLowerCase().split(SEPARATORS)) if (part) out.push(part.slice(0, MAX_LEXEME));
  }
  return out;
}

/** The distinct lexemes, space-separated: what the index holds for `text`. */
export const tokenize = (text: string): string => [...new Set(lexemes(text))].join(' ');
