import type { CoreMetric, FunnelResult } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { funnelCsv, funnelOption, toCsv, waterfallOption } from './analytics-model';

const funnel: FunnelResult = {
  from: '2026-11-01',
  to: '2026-11-30',
  windowDays: 14,
  order: 'ordered',
  steps: [
    { step: 1, event: 'page_view', label: '访问', count: 100, conversion: 1, medianSecondsFromPrevious: null },
    { step: 2, event: 'registered', label: '注册', count: 20, conversion: 0.2, medianSecondsFromPrevious: 600 },
  ],
  breakdown: [
    {
      value: 'douyin',
      steps: [
        { step: 1, count: 70 },
        { step: 2, count: 5 },
      ],
    },
    {
      value: 'wechat',
      steps: [
        { step: 1, count: 30 },
        { step: 2, count: 15 },
      ],
    },
  ],
  timeToConvert: [],
};

describe('analytics charts and CSV', () => {
  it('stacks one series per breakdown value', () => {
    const o = funnelOption(funnel, { people: '人数', conversion: '转化率' }) as { series: Array<{ name: string; data: number[] }> };
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['douyin', [70, 5]],
      ['wechat', [30, 15]],
    ]);
  });

  it('exports the funnel with its breakdown rows', () => {
    const rows = funnelCsv(funnel);
    expect(rows[0]).toEqual(['step', 'event', 'label', 'count', 'conversion', 'median_seconds_from_previous']);
    expect(rows).toContainEqual(['2', 'registered', '注册 · wechat', '15', '', '']);
  });

  it('quotes CSV cells and defuses formulas', () => {
    expect(toCsv([['a,b', 'say "hi"', '=1+1', '-5']])).toBe('"a,b","say ""hi""",\'=1+1,-5\r\n');
  });

  it('the waterfall climbs from the previous amount through the parts to the current one', () => {
    const core = {
      previous: { amount: '100000' },
      current: { amount: '80000' },
      contributions: { uv: 30000, registrationRate: -10000, investmentRate: -50000, averageTicket: 10000 },
    } as unknown as CoreMetric;
    const o = waterfallOption(core, {
      previous: 'p',
      current: 'c',
      uv: 'u',
      registrationRate: 'r',
      investmentRate: 'i',
      averageTicket: 'a',
    }) as {
      series: Array<{ data: number[] }>;
    };
    const [base, up, down] = o.series.map((s) => s.data);
    // previous 1000 → +300 → −100 → −500 → +100 → current 800 (yuan)
    expect(up).toEqual([1000, 300, 0, 0, 100, 800]);
    expect(down).toEqual([0, 0, 100, 500, 0, 0]);
    expect(base).toEqual([0, 1000, 1200, 700, 700, 0]);
  });
});
