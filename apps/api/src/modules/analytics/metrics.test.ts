import { describe, expect, it } from 'vitest';
import { assess, type ChannelFacts } from './channels.js';
import { decompose, factorsOf } from './core-metric.js';

describe('core metric decomposition', () => {
  it('the four parts add up to the change and name the factor that moved it', () => {
    const prev = { uv: 1000, registrations: 100, investors: 20, amount: 2_000_000n };
    const cur = { uv: 1200, registrations: 110, investors: 15, amount: 1_800_000n };
    const parts = decompose(prev, cur)!;
    const total = parts.uv + parts.registrationRate + parts.investmentRate + parts.averageTicket;
    expect(total).toBeCloseTo(-200_000, 6);
    // More visitors pushed up; far fewer investors per registration pulled down most.
    expect(parts.uv).toBeGreaterThan(0);
    expect(parts.investmentRate).toBeLessThan(0);
    expect(Math.abs(parts.investmentRate)).toBeGreaterThan(Math.abs(parts.uv));
    // The identity the decomposition rests on.
    const f = factorsOf(cur);
    expect(f.uv * f.registrationRate * f.investmentRate * f.averageTicket).toBeCloseTo(1_800_000, 3);
  });

  it('an unchanged amount decomposes into parts that cancel out', () => {
    const prev = { uv: 1000, registrations: 100, investors: 20, amount: 2_000_000n };
    const cur = { uv: 2000, registrations: 100, investors: 20, amount: 2_000_000n };
    const parts = decompose(prev, cur)!;
    expect(parts.uv + parts.registrationRate + parts.investmentRate + parts.averageTicket).toBeCloseTo(0, 6);
    expect(parts.uv).toBeGreaterThan(0);
    expect(parts.registrationRate).toBeLessThan(0);
  });

  it('is undefined when a factor is zero (no investors)', () => {
    expect(
      decompose({ uv: 10, registrations: 1, investors: 0, amount: 0n }, { uv: 10, registrations: 1, investors: 1, amount: 100n }),
    ).toBeNull();
  });
});

describe('channel vanity warning and quadrants', () => {
  const facts: ChannelFacts[] = [
    // Many visits and registrations, almost no investors, expensive: vanity.
    {
      channel: 'douyin',
      uv: 9000,
      registrations: 900,
      realNames: 300,
      firstInvestments: 9,
      amount: 2_000_000n,
      cost: 5_000_000n,
      retention30: 0.1,
    },
    // Fewer visits, converts well, pays back: not vanity.
    {
      channel: 'wechat',
      uv: 3000,
      registrations: 600,
      realNames: 450,
      firstInvestments: 180,
      amount: 900_000_000n,
      cost: 3_000_000n,
      retention30: 0.5,
    },
    {
      channel: 'xiaohongshu',
      uv: 400,
      registrations: 80,
      realNames: 60,
      firstInvestments: 30,
      amount: 100_000_000n,
      cost: 500_000n,
      retention30: 0.6,
    },
    {
      channel: 'baidu',
      uv: 800,
      registrations: 100,
      realNames: 40,
      firstInvestments: 4,
      amount: 1_000_000n,
      cost: 1_000_000n,
      retention30: 0.2,
    },
  ];
  it('warns on the busy channel that does not convert, not on the good one', () => {
    const { items } = assess(facts);
    const by = Object.fromEntries(items.map((i) => [i.channel, i]));
    expect(by.douyin!.vanity).toBe(true);
    expect(by.douyin!.vanityReason).toContain('转化');
    expect(by.wechat!.vanity).toBe(false);
    expect(by.xiaohongshu!.vanity).toBe(false);
    expect(by.wechat!.cac).toBe(String(3_000_000n / 180n));
    expect(by.wechat!.roi).toBeGreaterThan(0);
    expect(by.douyin!.roi).toBeLessThan(0);
  });
  it('places channels in the four quadrants with adjustable thresholds', () => {
    const by = (t: Parameters<typeof assess>[1]) => Object.fromEntries(assess(facts, t).items.map((i) => [i.channel, i.quadrant]));
    expect(by({})).toEqual({ douyin: 'fix_quality', wechat: 'grow', xiaohongshu: 'test', baidu: 'cut' });
    // A volume bar above everyone: nothing is high volume any more.
    expect(by({ volume: 10_000 })).toEqual({ douyin: 'cut', wechat: 'test', xiaohongshu: 'test', baidu: 'cut' });
  });
});

describe('members: 80/20 and lifecycle', () => {
  it('the Lorenz curve and the top 20 % share on a known distribution', async () => {
    const { lorenz } = await import('./members.js');
    // 10 members: eight hold 1 each, two hold 46 each → the top 20 % hold 92 %.
    const l = lorenz([1, 1, 1, 1, 1, 1, 1, 1, 46, 46]);
    expect(l.top20Share).toBeCloseTo(0.92, 10);
    expect(l.points[0]).toEqual({ people: 0, assets: 0 });
    expect(l.points[10]).toEqual({ people: 1, assets: 1 });
    expect(l.points[5]!.assets).toBeCloseTo(0.05, 10);
  });
  it('lifecycle stages by registration and last activity', async () => {
    const { lifecycleOf } = await import('./members.js');
    const now = new Date('2026-11-24T00:00:00Z');
    const ago = (d: number) => new Date(now.getTime() - d * 86_400_000);
    expect(lifecycleOf(ago(3), ago(3), now)).toBe('new');
    expect(lifecycleOf(ago(100), ago(2), now)).toBe('active');
    expect(lifecycleOf(ago(100), ago(10), now)).toBe('silent');
    expect(lifecycleOf(ago(100), ago(40), now)).toBe('churn_risk');
    expect(lifecycleOf(null, ago(90), now)).toBe('churned');
  });
});
