import { describe, expect, it } from 'vitest';
import { formatBps, per10kToAnnualBps, percentToBps } from './rates';

describe('formatBps', () => {
  it('shows basis points as a percentage with two decimals', () => {
    expect(formatBps(320)).toBe('3.20%');
    expect(formatBps(5)).toBe('0.05%');
    expect(formatBps(0)).toBe('0.00%');
    expect(formatBps(1234)).toBe('12.34%');
    expect(formatBps(-25)).toBe('-0.25%');
  });
});

describe('percentToBps', () => {
  it('converts exactly with string arithmetic', () => {
    expect(percentToBps('3.2')).toBe(320);
    expect(percentToBps('3.20')).toBe(320);
    expect(percentToBps('0.07')).toBe(7);
    expect(percentToBps('4')).toBe(400);
    expect(percentToBps(' 2.85% ')).toBe(285);
    expect(percentToBps('50')).toBe(5000);
    // 1.15 * 100 in floating point is 114.99999999999999.
    expect(percentToBps('1.15')).toBe(115);
  });
  it('refuses anything that is not a percentage with at most two decimals', () => {
    for (const bad of ['', '3.205', '-1', 'abc', '1e2', '03', '.5', '3.']) expect(percentToBps(bad)).toBeNull();
  });
});

describe('per10kToAnnualBps', () => {
  it('annualises a 万份收益', () => {
    expect(per10kToAnnualBps('0.5')).toBe(183);
    expect(per10kToAnnualBps('0.6512')).toBe(238);
    expect(per10kToAnnualBps('1')).toBe(365);
    expect(per10kToAnnualBps('0.12345')).toBeNull();
    expect(per10kToAnnualBps('100')).toBeNull();
  });
});
