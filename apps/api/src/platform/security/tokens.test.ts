import { describe, expect, it } from 'vitest';
import { hashToken, hashTokenMemo, newToken } from './tokens.js';

describe('session token hashing', () => {
  it('remembers hashes without ever answering another token’s', () => {
    const tokens = Array.from({ length: 100 }, newToken);
    for (const round of [1, 2]) for (const t of tokens) expect(hashTokenMemo(t), `round ${round}`).toBe(hashToken(t));
    expect(new Set(tokens.map(hashTokenMemo)).size).toBe(100);
  });

  it('answers the same after its memory is flooded with fresh tokens', () => {
    const first = newToken();
    hashTokenMemo(first);
    for (let i = 0; i < 25_000; i++) hashTokenMemo(newToken());
    // Evicted or not, the answer is the same pure function.
    expect(hashTokenMemo(first)).toBe(hashToken(first));
  });
});
