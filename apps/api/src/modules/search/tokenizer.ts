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

/** The distinct lexemes, space-separated: jieba's words for `text` (the index also holds its character bigrams). */
export const tokenize = (text: string): string => [...new Set(lexemes(text))].join(' ');

/**
 * Runs of CJK characters (Han, kana, Hangul), the scripts written without spaces between words,
 * where a word can sit inside a longer one that jieba keeps whole (微信 in 加微信).
 */
export const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Bigram lexemes live in their own namespace, marked by a character no word lexeme contains. */
export const GRAM_MARK = '~';

/**
 * The character grams of every CJK run, in reading order, after the same NFKC and lower-casing as
 * `lexemes`: each character with the one after it (加微信 → 加微, 微信), and the run's last character
 * alone (信), so every character of the run begins exactly one gram. A substring of two or more
 * characters is then a phrase of adjacent bigrams, and a single character a prefix of some gram.
 */
export function grams(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.normalize('NFKC').toLowerCase().matchAll(CJK_RUN)) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) out.push(GRAM_MARK + chars[i]! + (chars[i + 1] ?? ''));
  }
  return out;
}
