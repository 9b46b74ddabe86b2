import { describe, expect, it } from 'vitest';
import { checkRegex, hasNestedQuantifier, timedTest } from './safe-regex.js';

describe('regex safety', () => {
  it('accepts ordinary keyword patterns', () => {
    for (const p of ['体验金', '^(怎么|如何)(开户|注册)', '收益.{0,4}(多少|几)', 'T\\+1', '[0-9]{6}', '(?:基金|理财)?定投', '客服|人工']) {
      expect(checkRegex(p), p).toEqual({ ok: true });
      expect(hasNestedQuantifier(p), p).toBe(false);
    }
  });

  it('refuses patterns that backtrack catastrophically', () => {
    for (const p of ['(a+)+$', '^(\\w+\\s?)*$', '(.*a){20}', '((ab)*)+c', '(a|aa)+$', '([a-z]+)*!', '(x+x+)+y']) {
      const v = checkRegex(p);
      expect(v.ok, p).toBe(false);
      expect(v.ok ? null : v.reason, p).toBe('unsafe');
      // Refused by its shape, before any probe has to time out.
      expect(hasNestedQuantifier(p), p).toBe(true);
    }
  });

  it('refuses what is not a regular expression', () => {
    for (const p of ['(unclosed', '[z-a]', '*start', 'a{2,1}']) {
      const v = checkRegex(p);
      expect(v.ok ? null : v.reason, p).toBe('invalid');
    }
  });

  it('stops a runaway match at the time limit instead of hanging', () => {
    const started = Date.now();
    expect(timedTest('^(a+)+$', 'a'.repeat(40) + '!', 50)).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(timedTest('体验金', '请问体验金怎么用')).toBe(true);
    expect(timedTest('^体验金$', '请问体验金怎么用')).toBe(false);
  });
});
