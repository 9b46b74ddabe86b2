import type { Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { UUID } from '../../platform/ids.js';
import { broadcastLive } from './broadcast.js';
import type { LiveDeps } from './deps.js';
import type { TargetAction, TargetHandler } from './ports.js';
import { presentComment, presentQuestionState, sessionLink } from './present.js';
import * as repo from './repo.js';

const TAKE_DOWN: readonly TargetAction[] = ['hide', 'delete'];
const PUT_BACK: readonly TargetAction[] = ['restore', 'release'];

/**
 * What moderation calls for target type 'live_comment': a live room's text, i.e. a comment or a
 * question (ids are UUIDs, so one type serves both). Moderation owns the decision, rule and modlog;
 * this only changes what the room shows, and tells the room. A hidden text leaves as its id only.
 */
export function roomTextTarget(deps: LiveDeps): TargetHandler {
  return {
    async describe(trx, id) {
      const found = await find(trx, id);
      if (!found) return undefined;
      const session = (await repo.findSession(trx, found.row.session_id))!;
      return { authorId: found.row.member_id, text: found.row.body, groupId: session.group_id, link: sessionLink(session.id) };
    },
    async apply(trx, id, action) {
      const found = await find(trx, id, true);
      if (!found) throw new AppError('NOT_FOUND');
      if (found.kind === 'comment') await applyToComment(deps, trx, found.row, action);
      else await applyToQuestion(deps, trx, found.row, action);
    },
  };
}

async function find(trx: Tx, id: string, lock = false) {
  if (!UUID.test(id)) return undefined;
  const comment = await repo.findComment(trx, id, lock);
  if (comment) return { kind: 'comment' as const, row: comment };
  const question = await repo.findQuestion(trx, id, lock);
  return question && { kind: 'question' as const, row: question };
}

async function applyToComment(deps: LiveDeps, trx: Tx, row: repo.CommentRow, action: TargetAction) {
  if (TAKE_DOWN.includes(action) && row.status !== 'hidden') {
    await repo.setCommentStatus(trx, row.id, 'hidden');
    if (row.status === 'visible') await broadcastLive(deps.outbox, trx, row.session_id, 'live.comment', { action: 'hidden', id: row.id });
  } else if (PUT_BACK.includes(action) && row.status !== 'visible') {
    const shown = await repo.setCommentStatus(trx, row.id, 'visible');
    const comment = presentComment(shown, (await deps.ports.authors([row.member_id], trx)).get(row.member_id)!);
    await broadcastLive(deps.outbox, trx, row.session_id, 'live.comment', { action: 'restored', comment });
  }
}

async function applyToQuestion(deps: LiveDeps, trx: Tx, row: repo.QuestionRow, action: TargetAction) {
  const shown = row.status === 'open' || row.status === 'answered';
  if (TAKE_DOWN.includes(action) && row.status !== 'hidden') {
    // answered_at stays, so putting it back restores 'answered'.
    await repo.updateQuestion(trx, row.id, { status: 'hidden' });
    if (shown) await broadcastLive(deps.outbox, trx, row.session_id, 'live.question', { action: 'hidden', id: row.id });
  } else if (PUT_BACK.includes(action) && !shown) {
    const back = await repo.updateQuestion(trx, row.id, { status: row.answered_at ? 'answered' : 'open' });
    const question = presentQuestionState(back, (await deps.ports.authors([row.member_id], trx)).get(row.member_id)!);
    await broadcastLive(deps.outbox, trx, row.session_id, 'live.question', { action: 'restored', question });
  }
}
