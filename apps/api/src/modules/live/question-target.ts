import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { UUID } from '../../platform/ids.js';
import { loadSession } from './access.js';
import * as repo from './repo.js';

/**
 * A question and its session for a change that must not cross a state change: the session under a
 * share lock first (the order end-session takes them in), then the question under an update lock.
 * Hidden or held questions are CONTENT_GONE.
 */
export async function lockQuestion(trx: Executor, id: string, mayEnter?: (session: repo.SessionRow) => Promise<void>) {
  const found = UUID.test(id) ? await repo.findQuestion(trx, id) : undefined;
  if (!found) throw new AppError('NOT_FOUND');
  const session = await loadSession(trx, found.session_id, 'share');
  // Whether the caller may enter the room is decided before anything about the question is told.
  if (mayEnter) await mayEnter(session);
  const question = (await repo.findQuestion(trx, id, true))!;
  if (question.status === 'hidden' || question.status === 'held') throw new AppError('CONTENT_GONE');
  return { session, question };
}
