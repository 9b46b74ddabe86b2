import type { StaffAction } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repo.js';

export type ContentState = 'visible' | 'hidden' | 'deleted' | 'held';

/**
 * Where a piece of content stands, read from the log itself (the latest hide/delete/hold/release/
 * restore on it), with the action that put it there.
 */
export async function contentState(db: Executor, type: string, id: string): Promise<{ state: ContentState; actionId: string | null }> {
  const last = await repo.latestStateAction(db, type, id);
  if (!last) return { state: 'visible', actionId: null };
  const state: ContentState =
    last.action === 'hide' ? 'hidden' : last.action === 'delete' ? 'deleted' : last.action === 'hold' ? 'held' : 'visible';
  return { state, actionId: last.id };
}

/** From which states each content action may be taken. Warnings, mutes and removals concern the author, not the content. */
const FROM: Partial<Record<StaffAction, ContentState[]>> = {
  hide: ['visible'],
  delete: ['visible', 'hidden', 'held'],
  release: ['held'],
  restore: ['hidden', 'deleted'],
};

/**
 * Refuses an action that makes no sense in the content's state — hiding what is already hidden,
 * releasing what was never held. This is what makes a repeated click (or two moderators at once,
 * serialised by the target lock) produce one action, one log row and one notice rather than two.
 */
export async function assertTransition(db: Executor, type: string, id: string, action: StaffAction): Promise<void> {
  const allowed = FROM[action];
  if (!allowed) return;
  const { state } = await contentState(db, type, id);
  if (!allowed.includes(state)) throw new AppError('MODERATION_STATE_CONFLICT', {}, { state, action });
}
