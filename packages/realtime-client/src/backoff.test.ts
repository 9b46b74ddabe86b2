import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('reconnect backoff', () => {
  it('grows exponentially, is capped, and is spread by jitter', () => {
    expect(backoffDelay(0, 500, 15_000, () => 0.999)).toBe(499);
    expect(backoffDelay(3, 500, 15_000, () => 0.999)).toBe(3996);
    expect(backoffDelay(10, 500, 15_000, () => 0.999)).toBe(14_985);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, 500, 15_000)));
    expect(delays.size).toBeGreaterThan(40);
  });
});
