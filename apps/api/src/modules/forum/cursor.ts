import { AppError } from '../../platform/errors.js';
import { UUID } from '../../platform/ids.js';
import type { ThreadKeyset } from './repo.js';

/**
 * Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. Anything that
 * does not decode to a well-formed key is VALIDATION_FAILED, never a database error.
 */
const encode = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

function decode(cursor: string): unknown[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts)) return parts;
  } catch {
    // falls through to the refusal below
  }
  return invalid();
}

const invalid = (): never => {
  throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', issue: 'not a cursor from the previous page' }]);
};

const dateOf = (value: unknown): Date => {
  const at = typeof value === 'string' ? new Date(value) : new Date(NaN);
  return Number.isNaN(at.getTime()) ? invalid() : at;
};
const idOf = (value: unknown): string => (typeof value === 'string' && UUID.test(value) ? value : invalid());

export const threadCursor = (key: ThreadKeyset): string =>
  key.sort === 'latest' ? encode(['l', key.at.toISOString(), key.id]) : encode(['h', key.score, key.id]);

export function parseThreadCursor(cursor: string | undefined, sort: 'latest' | 'hot'): ThreadKeyset | undefined {
  if (cursor === undefined) return undefined;
  const [tag, value, id] = decode(cursor);
  if (sort === 'latest' && tag === 'l') return { sort, at: dateOf(value), id: idOf(id) };
  if (sort === 'hot' && tag === 'h' && typeof value === 'number' && Number.isFinite(value)) return { sort, score: value, id: idOf(id) };
  return invalid();
}

/** Oldest-first queues keyed by creation time (the unanswered questions). */
export const timeCursor = (at: Date, id: string): string => encode(['t', at.toISOString(), id]);
export function parseTimeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [tag, at, id] = decode(cursor);
  return tag === 't' ? { at: dateOf(at), id: idOf(id) } : invalid();
}

/** Reply and bookmark pages are keyed by a bigserial. */
export const seqCursor = (seq: bigint): string => seq.toString();
export function parseSeqCursor(cursor: string | undefined): bigint | undefined {
  if (cursor === undefined) return undefined;
  return /^\d{1,18}$/.test(cursor) ? BigInt(cursor) : invalid();
}
