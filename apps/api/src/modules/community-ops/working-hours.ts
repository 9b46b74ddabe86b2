/**
 * Time arithmetic for the alarm and the roster in Asia/Shanghai wall-clock time (UTC+8 all year,
 * no daylight saving), pure so the tests can walk it minute by minute.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** "HH:MM" or "HH:MM:SS" → minutes after midnight; null when it is not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
export const formatTimeOfDay = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The Shanghai wall clock at an instant: ISO weekday (1 = Monday), minutes after midnight, and that midnight. */
export function shanghaiWallClock(at: Date) {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const dayStartLocal = Math.floor(local / DAY_MS) * DAY_MS;
  const weekday = ((new Date(dayStartLocal).getUTCDay() + 6) % 7) + 1;
  return { weekday, minute: Math.floor((local - dayStartLocal) / 60_000), midnight: new Date(dayStartLocal - SHANGHAI_OFFSET_MS) };
}

export interface WorkingHours {
  /** Minutes after Shanghai midnight; start < end. */
  start: number;
  end: number;
}

/**
 * When an unanswered question becomes an alarm: `minutes` after it was asked, counting only minutes
 * inside the working hours when the group has them (a question at 21:55 with hours 09:00–22:00 and
 * 10 minutes is due at 09:05 the next morning).
 */
export function alarmDueAt(askedAt: Date, minutes: number, hours: WorkingHours | null): Date {
  if (!hours) return new Date(askedAt.getTime() + minutes * 60_000);
  let remaining = minutes * 60_000;
  let t = askedAt.getTime();
  for (let guard = 0; guard < 400; guard++) {
    const { minute, midnight } = shanghaiWallClock(new Date(t));
    const open = midnight.getTime() + hours.start * 60_000;
    const close = midnight.getTime() + hours.end * 60_000;
    if (minute < hours.start) t = open;
    else if (t >= close) {
      t = open + DAY_MS;
      continue;
    }
    const available = close - t;
    if (remaining <= available) return new Date(t + remaining);
    remaining -= available;
    t = open + DAY_MS;
  }
  return new Date(t + remaining);
}

/** Whether a roster slot (weekday, start–end minutes) covers an instant. */
export function slotCovers(slot: { weekday: number; start: number; end: number }, at: Date): boolean {
  const { weekday, minute } = shanghaiWallClock(at);
  return slot.weekday === weekday && slot.start <= minute && minute < slot.end;
}

export interface RepeatSpec {
  repeat: 'once' | 'daily' | 'weekly';
  /** Minutes after Shanghai midnight. */
  time: number;
  weekday?: number | null | undefined;
  /** Once only: the Shanghai day YYYY-MM-DD. */
  date?: string | null | undefined;
}

/** The instant of a Shanghai day and time. */
export function shanghaiInstant(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS + minutes * 60_000);
}

/**
 * The first occurrence strictly after `after` (null for a once-only post whose time has passed).
 * Missed occurrences are skipped, never caught up: a worker that was down posts today's alert
 * once, not a week of them.
 */
export function nextOccurrence(spec: RepeatSpec, after: Date): Date | null {
  if (spec.repeat === 'once') {
    const at = shanghaiInstant(spec.date!, spec.time);
    return at > after ? at : null;
  }
  const { midnight } = shanghaiWallClock(after);
  for (let d = 0; d <= 8; d++) {
    const at = new Date(midnight.getTime() + d * DAY_MS + spec.time * 60_000);
    if (at <= after) continue;
    if (spec.repeat === 'weekly' && shanghaiWallClock(at).weekday !== spec.weekday) continue;
    return at;
  }
  return null;
}
