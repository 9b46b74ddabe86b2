import { LIVE_COMMENT_INTERVAL_MS, LIVE_TEXT_MAX } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { assertStatus, enterSession, loadSession } from './access.js';
import type { LiveDeps } from './deps.js';
import type { ScreenMatch } from './ports.js';
import * as repo from './repo.js';

/** Trims and checks a comment or question: MESSAGE_EMPTY / MESSAGE_TOO_LONG. */
export function roomText(raw: string): string {
  const body = raw.trim();
  if (!body) throw new AppError('MESSAGE_EMPTY');
  if ([...body].length > LIVE_TEXT_MAX) throw new AppError('MESSAGE_TOO_LONG', { max: LIVE_TEXT_MAX });
  return body;
}

export interface Screened {
  /** The word filter wants a moderator to look first: stored, but shown to nobody yet. */
  held: boolean;
  /** Shown with a warning to readers (e.g. contact details that pull members off the platform). */
  flag: repo.Flag | null;
}

/** Raised inside the transaction so nothing is written; turned into CONTENT_BLOCKED after the modlog entry. */
class Blocked extends Error {
  constructor(readonly match: ScreenMatch) {
    super('blocked');
  }
}

/**
 * The checks every comment and question passes before `write` stores it, in one transaction: the
 * session's state (under a share lock, so it cannot end meanwhile), mutes, slow mode (per member,
 * serialised by an advisory lock), the word filter. A blocked text is refused with CONTENT_BLOCKED
 * once the filter's modlog entry has committed on its own (the refusal rolls back everything else).
 */
export async function postRoomText<T>(
  deps: LiveDeps,
  input: {
    memberId: string;
    sessionId: string;
    body: string;
    states: repo.SessionRow['status'][];
    table: 'live_comments' | 'live_questions';
  },
  write: (trx: Tx, session: repo.SessionRow, screened: Screened) => Promise<{ value: T; id: string }>,
): Promise<T> {
  const { memberId, body } = input;
  assertStatus(await enterSession(deps, deps.db, input.sessionId, memberId), ...input.states);
  try {
    return await transact(deps.db, async (trx) => {
      const session = await loadSession(trx, input.sessionId, 'share');
      assertStatus(session, ...input.states);
      await deps.ports.assertCanPost(trx, memberId, session.group_id);
      await assertNotTooSoon(trx, input.table, memberId, deps.clock.now());
      const { verdict, matches } = await deps.ports.screen(body);
      const match = matches[0];
      if (verdict === 'block' && match) throw new Blocked(match);
      const held = verdict === 'hold';
      const flag = verdict === 'flag' ? (match?.category ?? 'other') : null;
      const { value, id } = await write(trx, session, { held, flag });
      if (held && match)
        await deps.ports.recordFilter(trx, {
          verdict: 'hold',
          target: { type: 'live_comment', id },
          authorId: memberId,
          text: body,
          match,
        });
      return value;
    });
  } catch (err) {
    if (!(err instanceof Blocked)) throw err;
    await transact(deps.db, (trx) => deps.ports.recordFilter(trx, { verdict: 'block', authorId: memberId, text: body, match: err.match }));
    throw new AppError('CONTENT_BLOCKED', { rule: err.match.ruleCode, word: err.match.word });
  }
}

/** One post per member per interval (comments and questions counted apart): SLOW_MODE with the seconds left. */
async function assertNotTooSoon(trx: Tx, table: 'live_comments' | 'live_questions', memberId: string, now: Date): Promise<void> {
  await repo.lockMemberPosting(trx, memberId);
  const last = await repo.lastPostAt(trx, table, memberId);
  const waitMs = last ? last.getTime() + LIVE_COMMENT_INTERVAL_MS - now.getTime() : 0;
  if (waitMs > 0) throw new AppError('SLOW_MODE', { seconds: Math.ceil(waitMs / 1000) });
}
