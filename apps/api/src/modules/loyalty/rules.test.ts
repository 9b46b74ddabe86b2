import { describe, expect, it } from 'vitest';
import { addDays, bonusFor } from './checkin.js';
import { levelFor, NO_PRIVILEGES, tenureGrowth, validateRules, type LevelRule } from './levels.js';
import { defaultExpiry } from './points.js';

const rule = (level: number, minGrowth: number): LevelRule => ({
  level,
  nameZh: `V${level}`,
  nameEn: `V${level}`,
  minGrowth,
  privileges: NO_PRIVILEGES,
});

describe('loyalty rules', () => {
  it('expires default lots at the end of the next calendar year in Shanghai, whatever the UTC date', () => {
    // 2026-12-31 23:30 UTC is already 1 January 2027 in Shanghai: the lot lasts until the end of 2028.
    expect(defaultExpiry(new Date('2026-12-31T23:30:00Z')).toISOString()).toBe('2028-12-31T16:00:00.000Z');
    expect(defaultExpiry(new Date('2026-12-31T15:59:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });

  it('pays streak bonuses on every 7th and 30th day', () => {
    expect([1, 6, 7, 14, 29, 30, 210].map(bonusFor)).toEqual([0, 0, 20, 20, 0, 100, 120]);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('places growth on the highest level it reaches, at the boundary included', () => {
    const rules = [rule(0, 0), rule(1, 100), rule(2, 500)];
    expect([0, 99, 100, 499, 500, 10_000].map((g) => levelFor(rules, g).level)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('counts tenure by whole 30-day months, 5 each, capped at 300', () => {
    const now = new Date('2027-06-01T00:00:00Z');
    expect(tenureGrowth(null, now)).toBe(0);
    expect(tenureGrowth(new Date(now.getTime() - 29 * 86_400_000), now)).toBe(0);
    expect(tenureGrowth(new Date(now.getTime() - 61 * 86_400_000), now)).toBe(10);
    expect(tenureGrowth(new Date(now.getTime() - 10_000 * 86_400_000), now)).toBe(300);
  });

  it('refuses level ladders with gaps, a non-zero start or thresholds that do not rise', () => {
    expect(() => validateRules([rule(0, 0), rule(1, 10)])).not.toThrow();
    for (const bad of [[rule(0, 0), rule(2, 10)], [rule(0, 1)], [rule(0, 0), rule(1, 0)], [rule(0, 0), rule(1, 50), rule(2, 40)]]) {
      expect(() => validateRules(bad)).toThrow(expect.objectContaining({ code: 'LEVEL_RULES_INVALID' }));
    }
  });
});
