import { describe, expect, it } from 'vitest';
import { durationParts, responseColor } from './ops-model';

describe('community-ops model', () => {
  it('splits durations into the largest unit and the next one', () => {
    expect(durationParts(42)).toEqual({ unit: 'seconds', count: 42, rest: 0 });
    expect(durationParts(725)).toEqual({ unit: 'minutes', count: 12, rest: 5 });
    expect(durationParts(3 * 3600 + 20 * 60)).toEqual({ unit: 'hours', count: 3, rest: 20 });
    expect(durationParts(2 * 86_400 + 5 * 3600)).toEqual({ unit: 'days', count: 2, rest: 5 });
  });
  it('colours response times by the default alarm minutes', () => {
    expect(responseColor(600)).toBe('green');
    expect(responseColor(601)).toBe('gold');
    expect(responseColor(3601)).toBe('red');
  });
});
