import { describe, expect, it } from 'vitest';
import { fenSign, formatMoney, parseYuan, sumFen } from './money';

describe('formatMoney', () => {
  it('formats integer fen exactly, with grouping', () => {
    expect(formatMoney('10010')).toBe('¥100.10');
    expect(formatMoney('0')).toBe('¥0.00');
    expect(formatMoney('5')).toBe('¥0.05');
    expect(formatMoney('-5')).toBe('-¥0.05');
    expect(formatMoney('123456789')).toBe('¥1,234,567.89');
    expect(formatMoney(9007199254740993n)).toBe('¥90,071,992,547,409.93');
  });
  it('adds a plus sign only when asked and only above zero', () => {
    expect(formatMoney('100', { sign: true })).toBe('+¥1.00');
    expect(formatMoney('0', { sign: true })).toBe('¥0.00');
    expect(formatMoney('-100', { sign: true })).toBe('-¥1.00');
  });
  it('leaves anything that is not integer fen as it came', () => {
    expect(formatMoney('1.5')).toBe('1.5');
  });
});

describe('sumFen and fenSign', () => {
  it('sums without floating point error', () => {
    expect(sumFen(['10', '20'])).toBe(30n);
    expect(sumFen(['9007199254740993', '1'])).toBe(9007199254740994n);
    expect(sumFen([])).toBe(0n);
  });
  it('reads the sign', () => {
    expect(fenSign('-1')).toBe(-1);
    expect(fenSign('0')).toBe(0);
    expect(fenSign('7')).toBe(1);
  });
});

describe('parseYuan', () => {
  it('turns yuan as typed into fen strings exactly', () => {
    expect(parseYuan('100')).toBe('10000');
    expect(parseYuan('0.1')).toBe('10');
    expect(parseYuan('1234.56')).toBe('123456');
    expect(parseYuan('10000000000')).toBe('1000000000000');
  });
  it('refuses zero, junk, more than two decimals and amounts above the API limit', () => {
    for (const bad of ['0', '', '1.234', '-1', '1e3', '10000000000.01']) expect(parseYuan(bad)).toBeNull();
  });
});
