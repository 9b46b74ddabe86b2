import { describe, expect, it } from 'vitest';
import { charCount, insertMention, mentionIds, typedAt } from './mentions';
import { appPath, buyLink, imageSrc } from './links';
import { textSegments } from './text-segments';

describe('mentions', () => {
  it('opens the picker only when one "@" was typed at the caret', () => {
    expect(typedAt('你好', '你好@', 3)).toBe(true);
    expect(typedAt('你好', '@你好', 1)).toBe(true);
    expect(typedAt('你好', '你好a', 3)).toBe(false);
    expect(typedAt('', '@@', 2)).toBe(false); // pasted
    expect(typedAt('a@b', 'a@b', 2)).toBe(false); // caret moved only
  });

  it('puts the nickname after the typed "@" and moves the caret past it', () => {
    expect(insertMention('你好@', 3, '林晓')).toEqual({ text: '你好@林晓 ', caret: 6 });
    expect(insertMention('@ 早', 1, '小周')).toEqual({ text: '@小周  早', caret: 4 });
    // Opened from a button: the "@" is added too.
    expect(insertMention('早', 1, '小周')).toEqual({ text: '早@小周 ', caret: 5 });
  });

  it('sends the ids whose "@昵称" is still in the text, once each', () => {
    const picked = [
      { id: 'u1', nickname: '林晓' },
      { id: 'u2', nickname: '小周' },
      { id: 'u1', nickname: '林晓' },
    ];
    expect(mentionIds('@林晓 @小周 看看', picked)).toEqual(['u1', 'u2']);
    expect(mentionIds('@林晓 看看', picked)).toEqual(['u1']);
    expect(mentionIds('林晓 看看', picked)).toEqual([]);
  });

  it('caps mentions at 20', () => {
    const picked = Array.from({ length: 25 }, (_, i) => ({ id: `u${i}`, nickname: `n${i}` }));
    const text = picked.map((p) => `@${p.nickname}`).join(' ');
    expect(mentionIds(text, picked)).toHaveLength(20);
  });

  it('counts characters the way the server does', () => {
    expect(charCount('理财👍')).toBe(3);
  });
});

describe('text segments', () => {
  it('links only absolute http(s) URLs and keeps the rest as text', () => {
    expect(textSegments('看 https://example.com/a?b=1。好')).toEqual([
      { type: 'text', text: '看 ' },
      { type: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { type: 'text', text: '。好' },
    ]);
    expect(textSegments('javascript:alert(1) <img src=x onerror=alert(1)>')).toEqual([
      { type: 'text', text: 'javascript:alert(1) <img src=x onerror=alert(1)>' },
    ]);
  });

  it('refuses URLs that carry credentials and trims sentence punctuation', () => {
    expect(textSegments('https://bank.com@evil.example')).toEqual([{ type: 'text', text: 'https://bank.com@evil.example' }]);
    expect(textSegments('see http://a.cn.')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', text: 'http://a.cn', href: 'http://a.cn/' },
      { type: 'text', text: '.' },
    ]);
  });
});

describe('links', () => {
  it('opens only app paths from search hits', () => {
    expect(appPath('/community/groups/g1?m=m1')).toBe('/community/groups/g1?m=m1');
    expect(appPath('//evil.example/x')).toBeNull();
    expect(appPath('/\\evil.example')).toBeNull();
    expect(appPath('javascript:alert(1)')).toBeNull();
    expect(appPath('https://evil.example')).toBeNull();
  });

  it('shows images only from the API image path', () => {
    expect(imageSrc('/api/v1/groups/g-1/images/i-2')).toBe('/api/v1/groups/g-1/images/i-2');
    expect(imageSrc('https://evil.example/x.png')).toBeUndefined();
    expect(imageSrc('javascript:alert(1)')).toBeUndefined();
    expect(imageSrc('/api/v1/groups/g/images/../../x')).toBeUndefined();
    expect(imageSrc(null)).toBeUndefined();
  });

  it('records the group and message as the purchase source', () => {
    expect(buyLink('p1', 'g1', 'm1')).toBe('/products/p1/buy?source=group%3Ag1%3Amessage%3Am1');
  });
});
