import { describe, expect, it } from 'vitest';
import { formatFen, yuanInputToFen } from './money.js';

describe('money on screen', () => {
  it('formats fen exactly, with grouping and signs', () => {
    expect(formatFen('10010')).toBe('100.10');
    expect(formatFen('5')).toBe('0.05');
    expect(formatFen('-5')).toBe('-0.05');
    expect(formatFen('123456789')).toBe('1,234,567.89');
    expect(formatFen(300n, { sign: true })).toBe('+3.00');
    expect(formatFen('900719925474099312', { grouping: false })).toBe('9007199254740993.12');
  });

  it('parses what a member types into fen, refusing anything that is not a plain amount', () => {
    expect(yuanInputToFen('100')).toBe('10000');
    expect(yuanInputToFen('0.1')).toBe('10');
    expect(yuanInputToFen(' 12.34 ')).toBe('1234');
    for (const bad of ['0', '0.00', '-1', '1.234', 'abc', '1e3', '', '01']) expect(yuanInputToFen(bad)).toBeNull();
  });
});
