import { describe, expect, it } from 'vitest';
import { isOverdue, waited } from './unanswered-model';

describe('waited', () => {
  const now = Date.parse('2030-01-10T12:00:00.000Z');
  it('reads in the largest whole unit', () => {
    expect(waited('2030-01-10T11:15:00.000Z', now)).toEqual({ unit: 'minutes', count: 45 });
    expect(waited('2030-01-10T02:00:00.000Z', now)).toEqual({ unit: 'hours', count: 10 });
    expect(waited('2030-01-07T11:00:00.000Z', now)).toEqual({ unit: 'days', count: 3 });
    expect(waited('2030-01-10T12:05:00.000Z', now)).toEqual({ unit: 'minutes', count: 0 });
  });
  it('marks questions waiting over a day', () => {
    expect(isOverdue('2030-01-09T11:00:00.000Z', now)).toBe(true);
    expect(isOverdue('2030-01-10T00:00:00.000Z', now)).toBe(false);
  });
});
