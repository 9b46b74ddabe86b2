import { describe, expect, it } from 'vitest';
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
