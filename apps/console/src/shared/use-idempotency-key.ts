import { newIdempotencyKey } from '@quanzi/web-kit';
import { useCallback, useRef } from 'react';

/** web-kit's key (`crypto.randomUUID`), which exists only in secure contexts: over plain HTTP, a v4 UUID from random bytes. */
function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return newIdempotencyKey();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One `Idempotency-Key` per user action. `keyFor(request)` returns the same key while what is sent
 * stays the same, so a retry after a lost answer is replayed by the server instead of run twice; a
 * changed request (another note or choice) or `reset()` (a new action) gets a fresh key, so the
 * server never sees one key with two different bodies.
 */
export function useIdempotencyKey() {
  const current = useRef<{ fingerprint: string; key: string } | null>(null);
  const keyFor = useCallback((request: unknown): string => {
    const fingerprint = JSON.stringify(request);
    if (current.current?.fingerprint !== fingerprint) current.current = { fingerprint, key: randomKey() };
    return current.current.key;
  }, []);
  const reset = useCallback(() => {
    current.current = null;
  }, []);
  return { keyFor, reset };
}
