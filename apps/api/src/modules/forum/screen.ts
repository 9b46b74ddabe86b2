import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { ForumDeps } from './deps.js';
import type { ScreenMatch, Screening } from './ports.js';
import { warningFor } from './text.js';

/** How new member content enters: shown (maybe with a warning), held for review, or refused. */
export type Placement =
  | { status: 'visible'; warning: string | null }
  | { status: 'held'; warning: null; match: ScreenMatch }
  | { status: 'blocked'; match: ScreenMatch };

/** The word filter's verdict as a placement. A verdict without a matched word cannot cite a rule, so it passes. */
export function placementOf(screening: Screening): Placement {
  const match = screening.matches[0];
  if (screening.verdict === 'block' && match) return { status: 'blocked', match };
  if (screening.verdict === 'hold' && match) return { status: 'held', warning: null, match };
  if (screening.verdict === 'flag') return { status: 'visible', warning: warningFor(screening.matches) };
  return { status: 'visible', warning: null };
}

/**
 * Refuses blocked content with CONTENT_BLOCKED. The filter's action is recorded in a transaction of
 * its own, after the caller's rolled back, so the modlog keeps it though nothing was posted.
 */
export async function refuseBlocked(
  deps: ForumDeps,
  type: 'thread' | 'reply',
  authorId: string,
  text: string,
  match: ScreenMatch,
): Promise<never> {
  await transact(deps.db, (trx) => deps.ports.recordFilter(trx, { verdict: 'block', target: { type }, authorId, text, match }));
  throw new AppError('CONTENT_BLOCKED', { rule: match.ruleCode, word: match.word });
}

/** Held content enters the moderation queue in the transaction that stores it. */
export async function recordHold(
  deps: ForumDeps,
  trx: Tx,
  placement: Placement,
  target: { type: 'thread' | 'reply'; id: string },
  authorId: string,
  text: string,
): Promise<void> {
  if (placement.status === 'held') await deps.ports.recordFilter(trx, { verdict: 'hold', target, authorId, text, match: placement.match });
}
