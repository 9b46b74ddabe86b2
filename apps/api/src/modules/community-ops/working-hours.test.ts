import { describe, expect, it } from 'vitest';
import { alarmDueAt, nextOccurrence, parseTimeOfDay, shanghaiWallClock, slotCovers } from './working-hours.js';

// 2026-11-24 is a Tuesday; 02:00Z is 10:00 in Shanghai.
const at = (iso: string) => new Date(iso);

describe('Shanghai wall clock', () => {
  it('parses times of day and refuses what is not one', () => {
    expect(parseTimeOfDay('08:30')).toBe(510);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    for (const bad of ['24:00', '8:30', '08:60', 'noon', '', '08:30:99']) expect(parseTimeOfDay(bad), bad).toBeNull();
  });

  it('knows the weekday and minute in Shanghai across the UTC date line', () => {
    expect(shanghaiWallClock(at('2026-11-24T02:00:00Z'))).toMatchObject({ weekday: 2, minute: 600 });
    // 16:30Z Tuesday is 00:30 Wednesday in Shanghai.
    expect(shanghaiWallClock(at('2026-11-24T16:30:00Z'))).toMatchObject({ weekday: 3, minute: 30 });
    expect(shanghaiWallClock(at('2026-11-29T15:59:00Z'))).toMatchObject({ weekday: 7, minute: 1439 });
    expect(slotCovers({ weekday: 2, start: 540, end: 1080 }, at('2026-11-24T02:00:00Z'))).toBe(true);
    expect(slotCovers({ weekday: 2, start: 540, end: 1080 }, at('2026-11-24T10:00:00Z'))).toBe(false);
    expect(slotCovers({ weekday: 3, start: 540, end: 1080 }, at('2026-11-24T02:00:00Z'))).toBe(false);
  });
});

describe('alarmDueAt', () => {
  it('is N minutes later without working hours', () => {
    expect(alarmDueAt(at('2026-11-24T02:00:00Z'), 10, null).toISOString()).toBe('2026-11-24T02:10:00.000Z');
  });

  it('counts only minutes inside the working hours', () => {
    const hours = { start: 9 * 60, end: 22 * 60 };
    // Inside: plain addition.
    expect(alarmDueAt(at('2026-11-24T02:00:00Z'), 10, hours).toISOString()).toBe('2026-11-24T02:10:00.000Z');
    // 21:55 Shanghai with 10 minutes: 5 tonight, 5 from 09:00 tomorrow.
    expect(alarmDueAt(at('2026-11-24T13:55:00Z'), 10, hours).toISOString()).toBe('2026-11-25T01:05:00.000Z');
    // 23:30 Shanghai: the clock starts at 09:00 the next day.
    expect(alarmDueAt(at('2026-11-24T15:30:00Z'), 10, hours).toISOString()).toBe('2026-11-25T01:10:00.000Z');
    // 07:00 Shanghai: the clock starts at 09:00 the same day.
    expect(alarmDueAt(at('2026-11-23T23:00:00Z'), 10, hours).toISOString()).toBe('2026-11-24T01:10:00.000Z');
    // Exactly at closing time counts as closed.
    expect(alarmDueAt(at('2026-11-24T14:00:00Z'), 1, hours).toISOString()).toBe('2026-11-25T01:01:00.000Z');
  });
});

describe('nextOccurrence', () => {
  const now = at('2026-11-24T02:00:00Z'); // Tuesday 10:00 Shanghai
  it('finds the next daily 08:30 in Shanghai (tomorrow, once today’s has passed)', () => {
    expect(nextOccurrence({ repeat: 'daily', time: 510 }, now)?.toISOString()).toBe('2026-11-25T00:30:00.000Z');
    expect(nextOccurrence({ repeat: 'daily', time: 11 * 60 }, now)?.toISOString()).toBe('2026-11-24T03:00:00.000Z');
  });
  it('finds the next weekly slot, a week on when it is today and past', () => {
    // Thursday 20:00 Shanghai.
    expect(nextOccurrence({ repeat: 'weekly', time: 20 * 60, weekday: 4 }, now)?.toISOString()).toBe('2026-11-26T12:00:00.000Z');
    expect(nextOccurrence({ repeat: 'weekly', time: 9 * 60, weekday: 2 }, now)?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });
  it('knows a once-only post, and that one in the past has no next time', () => {
    expect(nextOccurrence({ repeat: 'once', time: 510, date: '2026-11-25' }, now)?.toISOString()).toBe('2026-11-25T00:30:00.000Z');
    expect(nextOccurrence({ repeat: 'once', time: 510, date: '2026-11-24' }, now)).toBeNull();
  });
});
