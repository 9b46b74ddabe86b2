import { describe, expect, it } from 'vitest';
import { displayText } from './display.js';
import { highlight, snippet } from './snippet.js';

const text = (segments: Array<{ text: string }>) => segments.map((s) => s.text).join('');
const hits = (segments: Array<{ text: string; hit: boolean }>) => segments.filter((s) => s.hit).map((s) => s.text);

describe('snippet', () => {
  it('marks every match, longest term first, case-insensitively', () => {
    expect(highlight('体验金和体验，Hello hello', ['体验金', '体验', 'hello'])).toEqual([
      { text: '体验金', hit: true },
      { text: '和', hit: false },
      { text: '体验', hit: true },
      { text: '，', hit: false },
      { text: 'Hello', hit: true },
      { text: ' ', hit: false },
      { text: 'hello', hit: true },
    ]);
  });

  it('cuts about 60 characters around the first match, with ellipses where the body was cut', () => {
    const body = `${'前'.repeat(100)}加息券${'后'.repeat(100)}`;
    const s = snippet(body, ['加息券']);
    expect(text(s)).toBe(`…${'前'.repeat(20)}加息券${'后'.repeat(37)}…`);
    expect(hits(s)).toEqual(['加息券']);
  });

  it('keeps a match near the end inside a full-width window, and never cuts a long match', () => {
    expect(text(snippet(`${'前'.repeat(100)}加息券`, ['加息券']))).toBe(`…${'前'.repeat(57)}加息券`);
    const long = '字'.repeat(70);
    expect(hits(snippet(`${'前'.repeat(30)}${long}`, [long]))).toEqual([long]);
  });

  it('returns markup as plain text segments and puts a snippet on one line', () => {
    const s = snippet('<script>alert("体验金")</script>\n领取体验金', ['体验金']);
    expect(s).toEqual([
      { text: '<script>alert("', hit: false },
      { text: '体验金', hit: true },
      { text: '")</script> 领取', hit: false },
      { text: '体验金', hit: true },
    ]);
  });

  it('starts at the beginning when the body has no literal match, and never splits an emoji', () => {
    expect(snippet('标题里才有', ['体验金'])).toEqual([{ text: '标题里才有', hit: false }]);
    const s = snippet(`${'😀'.repeat(40)}a体验金${'后'.repeat(100)}`, ['体验金']); // the window would start inside an emoji
    expect(text(s).startsWith('…😀')).toBe(true);
    expect(text(s)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u);
  });
});

describe('snippets of Markdown bodies', () => {
  const styled = (body: string, terms: string[], kind: 'thread' | 'message' = 'thread') => {
    const shown = displayText(kind, body);
    return snippet(shown.text, terms, undefined, shown.styles);
  };

  it('shows forum Markdown as displayed: no ** or link syntax, bold, italic and code kept as flags', () => {
    const s = styled('任何产品都**不承诺保本**，详见[说明](https://example.com/x)和 *公约* 与 `T+1`', ['保本']);
    expect(text(s)).toBe('任何产品都不承诺保本，详见说明和 公约 与 T+1');
    expect(s).toEqual([
      { text: '任何产品都', hit: false },
      { text: '不承诺', hit: false, strong: true },
      { text: '保本', hit: true, strong: true },
      { text: '，详见说明和 ', hit: false },
      { text: '公约', hit: false, em: true },
      { text: ' 与 ', hit: false },
      { text: 'T+1', hit: false, code: true },
    ]);
  });

  it('keeps lists, quotes, code blocks, topics and mentions as their text on one line', () => {
    const s = styled('> 引用里说**刚兑**\n\n- 第一条\n- 第二条 #理财日记# @小周\n\n```\nconst a = 1;\n```', ['刚兑']);
    expect(text(s)).toBe('引用里说刚兑 第一条 第二条 #理财日记# @小周 const a = 1;');
    expect(hits(s)).toEqual(['刚兑']);
    expect(s.filter((x) => x.code).map((x) => x.text)).toEqual(['const a = 1;']);
  });

  it('leaves chat messages (plain text) exactly as typed', () => {
    expect(text(styled('群里说**保本**的都不可信', ['保本'], 'message'))).toBe('群里说**保本**的都不可信');
  });

  it('marks the style of a hit that straddles bold and plain text on each side of the cut', () => {
    const s = styled('请先**绑卡**片再说', ['绑卡片']);
    expect(s).toEqual([
      { text: '请先', hit: false },
      { text: '绑卡', hit: true, strong: true },
      { text: '片', hit: true },
      { text: '再说', hit: false },
    ]);
  });
});
