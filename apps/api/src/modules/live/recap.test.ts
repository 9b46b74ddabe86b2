import { describe, expect, it } from 'vitest';
import { escapeMarkdown, recapMarkdown } from './recap.js';

describe('the recap body', () => {
  it('keeps member text on one line and literal', () => {
    expect(escapeMarkdown('第一行\n# 标题\r\n- 列表 <img src=x onerror=alert(1)>')).toBe(
      '第一行 \\# 标题 \\- 列表 \\<img src=x onerror=alert\\(1\\)\\>',
    );
  });

  it('says when nothing was answered, with the host and the Shanghai time', () => {
    const md = recapMarkdown(
      { hostName: '理财师·王磊', description: '', startedAt: new Date('2026-11-24T12:00:00Z'), endedAt: new Date('2026-11-24T13:05:00Z') },
      [],
    );
    expect(md.split('\n')).toEqual([
      '主持人：理财师·王磊　直播时间：2026-11-24 20:00–21:05',
      '',
      '**已回答的问题（0）**',
      '',
      '本场直播没有已回答的问题。',
    ]);
  });
});
