import { describe, expect, it } from 'vitest';
import { FINANCE_WORDS } from './finance-dict.js';
import { highlightTerms, queryLexemes, substringUnits } from './query-terms.js';
import { grams, lexemes, tokenize } from './tokenizer.js';
import { documentVector, queryExpression, substringExpression } from './tsvector.js';

const words = (text: string) => tokenize(text).split(' ');

describe('tokenize', () => {
  it('indexes a long word and its sub-words, so 理财 finds 这款理财产品收益稳定吗', () => {
    expect(words('这款理财产品收益稳定吗')).toEqual(expect.arrayContaining(['理财', '产品', '理财产品', '收益', '稳定']));
  });

  it('keeps every finance dictionary word whole', () => {
    for (const word of FINANCE_WORDS) expect(words(`关于${word}的问题`), word).toContain(word);
    expect(words('新手体验金怎么领取')).toEqual(['新手', '体验', '体验金', '怎么', '领取']);
    expect(words('加息券可以叠加吗')).toContain('加息券');
    expect(words('羊毛党把福利都薅走了')).toContain('羊毛党');
  });

  it('does not let a dictionary word swallow its neighbour', () => {
    expect(words('体验金额很小')).toEqual(['体验', '金额', '很小']);
    // A 7-character compound is cut so that the shorter term stays findable.
    expect(words('七日年化收益率是多少')).toEqual(expect.arrayContaining(['七日年化', '收益率']));
  });

  it('without the words side by side, 体验 and 金 stay separate lexemes (what the dictionary word must not match)', () => {
    expect(words('体验不错，送了金')).toEqual(expect.arrayContaining(['体验', '金']));
    expect(words('体验不错，送了金')).not.toContain('体验金');
  });

  it('lower-cases, folds full-width forms, drops punctuation, spaces and duplicates', () => {
    expect(tokenize('ＡＢＣ１２３ Hello, WORLD! hello。3.5%')).toBe('abc123 hello world 3 5');
    expect(tokenize('<script>alert("x")</script>')).toBe('script alert x');
    expect(tokenize('！！！  😀')).toBe('');
    expect(lexemes('理财，理财')).toEqual(['理财', '理财']);
  });

  it('is fast enough for the request path: a 2,000-character message in a few milliseconds', () => {
    const message = '这款理财产品收益稳定吗？新手体验金怎么领取，加息券和羊毛党。'.repeat(80).slice(0, 2000);
    lexemes('预热');
    const started = performance.now();
    for (let i = 0; i < 20; i++) lexemes(message);
    expect((performance.now() - started) / 20).toBeLessThan(20);
  });
});

describe('query terms', () => {
  it('drops particles a question carries, unless nothing else is left', () => {
    expect(queryLexemes('理财产品的收益稳定吗')).toEqual(['理财', '财产', '产品', '理财产品', '收益', '稳定']);
    expect(queryLexemes('的')).toEqual(['的']);
    expect(queryLexemes('？？')).toEqual([]);
  });

  it('joins characters jieba left alone back into what was typed together, for the search inside words', () => {
    expect(substringUnits('绑卡的时候')).toEqual(['绑卡', '时候']);
    expect(substringUnits('绑 卡')).toEqual(['绑', '卡']);
    expect(substringUnits('卡的绑')).toEqual(['卡', '绑']);
    expect(substringUnits('理财产品的收益')).toEqual(['理财', '财产', '产品', '理财产品', '收益']);
    expect(substringUnits('ETF基金')).toEqual(['etf', '基金']);
    expect(substringUnits('的')).toEqual(['的']);
    expect(substringUnits('？？')).toEqual([]);
  });

  it('highlights what was typed and its words, longest first, single characters only as a last resort', () => {
    expect(highlightTerms('体验金', queryLexemes('体验金'))).toEqual(['体验金', '体验']);
    expect(highlightTerms(' Hello 理财 ', queryLexemes('Hello 理财'))).toEqual(['hello 理财', 'hello', '理财']);
    expect(highlightTerms('金', queryLexemes('金'))).toEqual(['金']);
  });
});

describe('character grams', () => {
  it('gives every character of a CJK run one gram: with the next character, or alone at the run’s end', () => {
    expect(grams('加微信')).toEqual(['~加微', '~微信', '~信']);
    expect(grams('绑卡，好')).toEqual(['~绑卡', '~卡', '~好']);
    // Latin letters, digits and punctuation end a run and make no grams; NFKC and lower case as for words.
    expect(grams('ETF基金 iPhone15手机 😀')).toEqual(['~基金', '~金', '~手机', '~机']);
    expect(grams('かな카드')).toEqual(['~かな', '~な카', '~카드', '~드']);
  });
});

describe('tsvector literals', () => {
  it('weights title lexemes A; words and grams each count positions from 1, title first', () => {
    expect(documentVector('复投', '复投好，复投')).toBe("'复投':1A,2,4 '~复投':1A,3,6 '~投':2A,7 '好':3 '~投好':4 '~好':5");
    expect(documentVector(null, 'ab 加微信')).toBe("'ab':1 '加微信':2 '~加微':1 '~微信':2 '~信':3");
  });

  it('asks for words inside longer words as phrases of adjacent grams, a single character as a gram prefix', () => {
    expect(substringExpression(['微信'])).toBe("'~微信'");
    expect(substringExpression(['直播回放'])).toBe("('~直播' <-> '~播回' <-> '~回放')");
    expect(substringExpression(['金'])).toBe("'~金':*");
    // Sub-words of a longer query word add nothing; Latin parts are word prefixes, numbers and single letters exact.
    expect(substringExpression(['理财', '财产', '产品', '理财产品'])).toBe("('~理财' <-> '~财产' <-> '~产品')");
    expect(substringExpression(['etf', '基金'])).toBe("'etf':* & '~基金'");
    expect(substringExpression(['iphone15', '90', 'x'])).toBe("'iphone15':* & '90' & 'x'");
    expect(substringExpression(['a股'])).toBe("'a' & '~股':*");
  });

  it('quotes lexemes exactly, with quotes doubled and backslashes escaped', () => {
    expect(queryExpression(['理财', "it's", 'a\\b'])).toBe("'理财' & 'it''s' & 'a\\\\b'");
  });
});
