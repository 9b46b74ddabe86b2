import { describe, expect, it } from 'vitest';
import { evaluate, ruleSetProblems, SIGNALS, type Signals } from './rules.js';
import { UnionFind } from './union-find.js';

const none = Object.fromEntries(SIGNALS.map((s) => [s, 0])) as Signals;

describe('rule evaluation', () => {
  const rules = [
    { id: 'ring', signal: 'ring_size' as const, atLeast: 3, weight: 50 },
    { id: 'device', signal: 'shared_device_accounts' as const, atLeast: 2, weight: 30 },
    { id: 'login_new_device', signal: 'new_device' as const, atLeast: 1, weight: 60, uses: ['login' as const] },
  ];
  const thresholds = { review: 40, deny: 80 };

  it('adds the weights of the rules that fire, with evidence, and decides by the thresholds', () => {
    expect(evaluate(rules, thresholds, none, 'reward_grant')).toEqual({ score: 0, decision: 'allow', reasons: [] });
    const ring = evaluate(rules, thresholds, { ...none, ring_size: 3 }, 'reward_grant');
    expect(ring).toMatchObject({ score: 50, decision: 'review' });
    expect(ring.reasons[0]!.evidence).toBe('所在团伙共 3 个账户');
    expect(evaluate(rules, thresholds, { ...none, ring_size: 2, shared_device_accounts: 5 }, 'reward_grant').decision).toBe('allow');
    expect(evaluate(rules, thresholds, { ...none, ring_size: 9, shared_device_accounts: 5 }, 'reward_grant')).toMatchObject({
      score: 80,
      decision: 'deny',
    });
  });

  it('applies a rule only to its uses and caps the score at 100', () => {
    expect(evaluate(rules, thresholds, { ...none, new_device: 1 }, 'reward_grant').score).toBe(0);
    expect(evaluate(rules, thresholds, { ...none, new_device: 1, ring_size: 4, shared_device_accounts: 3 }, 'login').score).toBe(100);
  });

  it('finds duplicate rule ids and inverted thresholds', () => {
    expect(ruleSetProblems({ rules: [rules[0]!, rules[0]!], thresholds, note: 'x' })).toContain('duplicate');
    expect(ruleSetProblems({ rules, thresholds: { review: 90, deny: 10 }, note: 'x' })).toContain('review');
    expect(ruleSetProblems({ rules, thresholds, note: 'x' })).toBeNull();
  });
});

describe('union-find', () => {
  it('joins chains into components and keeps singletons and pairs below the size', () => {
    const uf = new UnionFind();
    for (const [a, b] of [
      ['c', 'b'],
      ['b', 'a'],
      ['x', 'y'],
      ['d', 'c'],
    ] as const)
      uf.union(a, b);
    uf.find('lonely');
    expect([...uf.components(3).entries()]).toEqual([['a', ['a', 'b', 'c', 'd']]]);
    expect(uf.components(2).get('x')).toEqual(['x', 'y']);
  });
});
