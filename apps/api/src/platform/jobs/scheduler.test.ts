import { describe, expect, it } from 'vitest';
import { didWork } from './scheduler.js';

describe('job results worth a line at info', () => {
  it('are those that report something done', () => {
    // What the every-minute jobs answer on a quiet minute: debug only.
    expect(didWork({ queried: 0, changed: 0 })).toBe(false);
    expect(didWork({ reminded: 0 })).toBe(false);
    expect(didWork({ reindexed: 0, remaining: 0 })).toBe(false);
    expect(didWork({ memberSessions: 0, smsCodes: 0n, tickets: [] })).toBe(false);
    expect(didWork(undefined)).toBe(false);
    // Anything done, or a result that says what it did (a reconciliation run's id and day).
    expect(didWork({ queried: 1, changed: 0 })).toBe(true);
    expect(didWork({ redemptions: { settled: 2n } })).toBe(true);
    expect(didWork({ id: 'run-1', matched: 0 })).toBe(true);
    expect(didWork(3)).toBe(true);
  });
});
