import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

describe('redacting excerpts for the public log', () => {
  it('masks phones, ID numbers, card numbers, emails and WeChat/QQ ids', () => {
    expect(redact('有事打我电话 13812345678')).toBe('有事打我电话 138****5678');
    expect(redact('电话 138 1234 5678 或 +86-139-0000-1111')).toBe('电话 138****5678 或 139****1111');
    expect(redact('身份证 11010519491231002X')).toBe('身份证 110***********002X');
    expect(redact('卡号 6222 0212 3456 7890 123')).toBe('卡号 6222 **** **** 0123');
    expect(redact('加微信：abc_12345 或 QQ号 12345678')).toBe('加微信：*** 或 QQ号 ***');
    expect(redact('vx wx_zhang888')).toBe('vx ***');
    expect(redact('邮箱 someone@example.com')).toBe('邮箱 ***@***');
    expect(redact('座机 01088886666')).toBe('座机 01****66');
  });

  it('keeps ordinary amounts and text, folds full-width digits, and cuts to 80 characters', () => {
    expect(redact('投了 50000 元，年化 3.2%')).toBe('投了 50000 元，年化 3.2%');
    expect(redact('电话１３８１２３４５６７８')).toBe('电话138****5678');
    const long = '理'.repeat(100);
    expect(redact(long)).toBe(`${'理'.repeat(80)}…`);
    expect([...redact(long)].length).toBe(81);
  });
});
