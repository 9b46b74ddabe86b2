import { describe, expect, it } from 'vitest';
import { levelOf } from './trust.js';

const t = (days_visited: number, posts_read: number, replies_received: number) => ({ days_visited, posts_read, replies_received });

describe('trust levels', () => {
  it('starts newcomers at L0 and promotes by coming back, reading and being replied to', () => {
    expect(levelOf(undefined, 0)).toBe(0);
    expect(levelOf(t(1, 0, 0), 0)).toBe(0);
    expect(levelOf(t(2, 0, 0), 0)).toBe(1);
    expect(levelOf(t(1, 30, 0), 0)).toBe(1);
    expect(levelOf(t(10, 200, 9), 0)).toBe(1);
    expect(levelOf(t(10, 200, 10), 0)).toBe(2);
    expect(levelOf(t(50, 1000, 100), 0)).toBe(3);
  });

  it('takes a level away for each upheld violation, never below L0', () => {
    expect(levelOf(t(50, 1000, 100), 1)).toBe(2);
    expect(levelOf(t(10, 200, 10), 5)).toBe(0);
  });
});
