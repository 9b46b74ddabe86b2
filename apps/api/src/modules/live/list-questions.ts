import type { LiveQuestion } from '@quanzi/contracts';
import { enterSession, loadSession } from './access.js';
import type { LiveDeps } from './deps.js';
import { presentQuestionState } from './present.js';
import * as repo from './repo.js';

/** The question queue, most upvoted first, then oldest first; `upvotedByMe` for a member reader. */
export async function listQuestions(deps: LiveDeps, memberId: string, sessionId: string): Promise<{ items: LiveQuestion[] }> {
  const session = await enterSession(deps, deps.db, sessionId, memberId);
  return queue(deps, session.id, memberId);
}

/** The same queue for the console (operators hosting or moderating). */
export async function listQuestionsForConsole(deps: LiveDeps, sessionId: string): Promise<{ items: LiveQuestion[] }> {
  const session = await loadSession(deps.db, sessionId);
  return queue(deps, session.id, null);
}

async function queue(deps: LiveDeps, sessionId: string, memberId: string | null) {
  const [rows, voted] = await Promise.all([
    repo.shownQuestions(deps.db, sessionId),
    memberId ? repo.votedQuestionIds(deps.db, sessionId, memberId) : new Set<string>(),
  ]);
  const authors = await deps.ports.authors(rows.map((r) => r.member_id));
  return { items: rows.map((r) => ({ ...presentQuestionState(r, authors.get(r.member_id)!), upvotedByMe: voted.has(r.id) })) };
}
