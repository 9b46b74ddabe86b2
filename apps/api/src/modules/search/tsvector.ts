import { lexemes } from './tokenizer.js';

/*
 * The index and the query are written as tsvector / tsquery literals (quoted lexemes cast with
 * ::tsvector / ::tsquery) instead of to_tsvector('simple', …) over the space-joined tokens. The
 * 'simple' configuration would run our tokens through PostgreSQL's word parser again, and what
 * that parser calls a letter depends on the server's LC_CTYPE (under the C locale every non-ASCII
 * character is one, so '，' and emoji become lexemes; under C.UTF-8 they vanish). Literals hold
 * exactly jieba's lexemes, so the embedded and the external server index byte for byte alike.
 */

/** PostgreSQL keeps positions up to 16383 and at most 256 per lexeme; later ones add nothing. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;

/** A quoted lexeme. Our lexemes hold only letters, digits and marks; quoting stays exact anyway. */
const quote = (lexeme: string): string => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The document's tsvector literal: title lexemes first with weight A (a title match ranks higher),
 * then the body's (default weight D), each with its positions so ts_rank_cd can reward matches
 * that stand close together.
 */
export function documentVector(title: string | null, body: string): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (text: string, weight: '' | 'A') => {
    for (const lexeme of lexemes(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(lexeme) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
      positions.set(lexeme, list);
    }
  };
  if (title) add(title, 'A');
  add(body, '');
  return [...positions].map(([lexeme, list]) => `${quote(lexeme)}:${list.join(',')}`).join(' ');
}

/** Every lexeme must occur (AND). Callers pass at least one lexeme. */
export const queryExpression = (queryLexemes: readonly string[]): string => queryLexemes.map(quote).join(' & ');
