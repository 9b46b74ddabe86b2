import { SensitiveWordRequest, type SensitiveWord } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { existingWord, filterWords, toWordRequest } from './words-model';

const word = (w: string, verdict: SensitiveWord['verdict'], category: SensitiveWord['category'] = 'contact'): SensitiveWord => ({
  id: w,
  word: w,
  verdict,
  category,
  ruleCode: 'R2',
  createdBy: '系统',
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('filterWords', () => {
  const words = [word('vx', 'flag'), word('保本', 'hold', 'promise'), word('私下转账', 'block'), word('VX群', 'flag')];
  it('lists the strictest verdict first', () => {
    expect(filterWords(words, {}).map((w) => w.verdict)).toEqual(['block', 'hold', 'flag', 'flag']);
  });
  it('matches text case-insensitively and filters by category and verdict', () => {
    expect(filterWords(words, { q: 'vx' }).map((w) => w.word)).toHaveLength(2);
    expect(filterWords(words, { category: 'promise' }).map((w) => w.word)).toEqual(['保本']);
    expect(filterWords(words, { verdict: 'block' }).map((w) => w.word)).toEqual(['私下转账']);
  });
  it('finds a word already listed, whatever its case', () => {
    expect(existingWord(words, ' Vx ')?.id).toBe('vx');
    expect(existingWord(words, '稳赚')).toBeUndefined();
  });
});

describe('toWordRequest', () => {
  it('trims the word and fits the contract', () => {
    const req = toWordRequest({ word: ' 稳赚 ', category: 'promise', verdict: 'hold', ruleCode: 'R3' });
    expect(req).toEqual({ word: '稳赚', category: 'promise', verdict: 'hold', ruleCode: 'R3' });
    expect(SensitiveWordRequest.safeParse(req).success).toBe(true);
  });
});
