import type { FunnelQuery, FunnelResult } from '@quanzi/contracts';

/**
 * Funnel semantics (PostHog's; also in API.md):
 * - A person is a member, or an anonymous browser id not (yet) stitched to one; a stitched id's
 *   events are the member's, including those sent before the stitch.
 * - **ordered** (default): the person's first event matching step 1 inside [from, to] starts the
 *   window; step k counts when an event matching it comes at or after the time of the event that
 *   made step k−1 (the same instant counts), no later than window days after step 1. Other events
 *   in between do not matter; one event never makes two steps.
 * - **strict**: as ordered, but step k must be the person's very next event after step k−1.
 * - **any**: steps in any order; the first event matching any step inside [from, to] starts the
 *   window, and the person counts at step k when k different steps happened inside it.
 * - Each person counts at most once per step, however often they repeat an event.
 * - Breakdown values are those of the event that entered step 1.
 */
export interface PersonEvent {
  name: string;
  at: number;
  properties: Record<string, unknown>;
  channel: string | null;
  utmSource: string | null;
  device: string | null;
  productId: string | null;
}

export interface FunnelSpec {
  steps: FunnelQuery['steps'];
  windowMs: number;
  order: 'ordered' | 'strict' | 'any';
  fromMs: number;
  /** Exclusive end of the range step 1 must be entered in. */
  toMs: number;
  breakdown?: FunnelQuery['breakdown'] | undefined;
}

export interface PersonOutcome {
  /** How many steps the person made (0 = never entered). */
  reached: number;
  /** Time of the event that made each step reached (ordered/strict; for any: in order of happening). */
  times: number[];
  breakdown: string;
}

const matches = (step: FunnelSpec['steps'][number], e: PersonEvent): boolean => {
  if (e.name !== step.event) return false;
  for (const [k, v] of Object.entries(step.properties ?? {})) if (String(e.properties[k]) !== String(v)) return false;
  return true;
};

const breakdownOf = (spec: FunnelSpec, e: PersonEvent): string => {
  switch (spec.breakdown) {
    case 'channel':
      return e.channel ?? 'direct';
    case 'utm_source':
      return e.utmSource ?? '(none)';
    case 'device':
      return e.device ?? '(server)';
    case 'product':
      return e.productId ?? '(none)';
    default:
      return '';
  }
};

/** One person's progress through the funnel; `events` sorted by time. Pure. */
export function personFunnel(spec: FunnelSpec, events: PersonEvent[]): PersonOutcome {
  const inRange = (e: PersonEvent) => e.at >= spec.fromMs && e.at < spec.toMs;
  if (spec.order === 'any') {
    const start = events.findIndex((e) => inRange(e) && spec.steps.some((s) => matches(s, e)));
    if (start < 0) return { reached: 0, times: [], breakdown: '' };
    const end = events[start]!.at + spec.windowMs;
    const done = new Set<number>();
    const times: number[] = [];
    for (let i = start; i < events.length && events[i]!.at <= end; i++) {
      const e = events[i]!;
      const s = spec.steps.findIndex((step, k) => !done.has(k) && matches(step, e));
      if (s >= 0) {
        done.add(s);
        times.push(e.at);
      }
    }
    return { reached: done.size, times, breakdown: breakdownOf(spec, events[start]!) };
  }
  const first = events.findIndex((e) => inRange(e) && matches(spec.steps[0]!, e));
  if (first < 0) return { reached: 0, times: [], breakdown: '' };
  const end = events[first]!.at + spec.windowMs;
  const times = [events[first]!.at];
  const used = new Set([first]);
  let at = first;
  for (let k = 1; k < spec.steps.length; k++) {
    let found = -1;
    if (spec.order === 'strict') {
      const next = events[at + 1];
      if (next && next.at <= end && matches(spec.steps[k]!, next)) found = at + 1;
    } else {
      // The earliest matching event at or after the previous step's time (an event at the same
      // instant counts as after it), never one already used by an earlier step.
      const prevAt = times[k - 1]!;
      for (let i = 0; i < events.length && events[i]!.at <= end; i++)
        if (events[i]!.at >= prevAt && !used.has(i) && matches(spec.steps[k]!, events[i]!)) {
          found = i;
          break;
        }
      if (found >= 0) used.add(found);
    }
    if (found < 0) break;
    times.push(events[found]!.at);
    at = found;
  }
  return { reached: times.length, times, breakdown: breakdownOf(spec, events[first]!) };
}

export const TTC_BUCKETS: Array<[string, number]> = [
  ['<1h', 3600],
  ['1-24h', 86_400],
  ['1-3d', 3 * 86_400],
  ['3-7d', 7 * 86_400],
  ['7-14d', 14 * 86_400],
  ['>14d', Number.POSITIVE_INFINITY],
];

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Counts per step (and per breakdown value), time to convert; outcomes keyed by person. Pure. */
export function summarise(
  spec: FunnelSpec,
  outcomes: Map<string, PersonOutcome>,
): Omit<FunnelResult, 'from' | 'to' | 'windowDays' | 'order'> {
  const n = spec.steps.length;
  const counts = new Array<number>(n).fill(0);
  const gaps: number[][] = spec.steps.map(() => []);
  const byValue = new Map<string, number[]>();
  const ttc = new Array<number>(TTC_BUCKETS.length).fill(0);
  for (const o of outcomes.values()) {
    if (o.reached === 0) continue;
    for (let k = 0; k < o.reached; k++) {
      counts[k]!++;
      if (k > 0) gaps[k]!.push((o.times[k]! - o.times[k - 1]!) / 1000);
    }
    if (spec.breakdown) {
      const row = byValue.get(o.breakdown) ?? new Array<number>(n).fill(0);
      for (let k = 0; k < o.reached; k++) row[k]!++;
      byValue.set(o.breakdown, row);
    }
    if (o.reached === n) {
      const seconds = (o.times[n - 1]! - o.times[0]!) / 1000;
      ttc[TTC_BUCKETS.findIndex(([, max]) => seconds < max)]!++;
    }
  }
  return {
    steps: spec.steps.map((s, k) => ({
      step: k + 1,
      event: s.event,
      label: s.label ?? s.event,
      count: counts[k]!,
      conversion: counts[0] ? counts[k]! / counts[0] : 0,
      medianSecondsFromPrevious: k === 0 ? null : median(gaps[k]!),
    })),
    ...(spec.breakdown
      ? {
          breakdown: [...byValue.entries()]
            .sort((a, b) => b[1][0]! - a[1][0]! || a[0].localeCompare(b[0]))
            .map(([value, row]) => ({ value, steps: row.map((count, k) => ({ step: k + 1, count })) })),
        }
      : {}),
    timeToConvert: TTC_BUCKETS.map(([bucket], i) => ({ bucket, people: ttc[i]! })),
  };
}
