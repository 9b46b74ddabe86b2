import { describe, expect, it } from 'vitest';
import { ringGraph, yuan } from './risk-model';

describe('ring graph', () => {
  it('merges a pair tied by several attributes into one edge coloured by the strongest tie', () => {
    const g = ringGraph(
      ['a', 'b', 'c'],
      [
        { a: 'a', b: 'b', kind: 'ip24', weight: 20 },
        { a: 'a', b: 'b', kind: 'card', weight: 80 },
        { a: 'b', b: 'c', kind: 'device', weight: 60 },
      ],
      'b',
    );
    expect(g.nodes.find((n) => n.id === 'b')!.symbolSize).toBeGreaterThan(g.nodes.find((n) => n.id === 'a')!.symbolSize);
    expect(g.edges).toHaveLength(2);
    expect(g.edges[0]).toMatchObject({ source: 'a', target: 'b', kinds: ['ip24', 'card'], weight: 100 });
    expect(g.edges[0]!.lineStyle.color).toBe('#d46b08');
  });

  it('formats fen as yuan', () => {
    expect(yuan('0')).toBe('¥0.00');
    expect(yuan('123456789')).toBe('¥1,234,567.89');
    expect(yuan('-5')).toBe('-¥0.05');
  });
});
