import type { LiveSession } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { assertHost, assertStatus, loadSession } from './access.js';
import { broadcastLive } from './broadcast.js';
import { auditActor, auditIp, type LiveActor, type LiveDeps } from './deps.js';
import { recapMarkdown, recapTitle } from './recap.js';
import * as repo from './repo.js';
import { sessionView } from './view.js';

/**
 * The host (or an operator) ends the session (audited). In the same transaction it becomes an
 * official recap thread listing the answered questions, most upvoted first — so a session never
 * ends without its recap, nor gets two. The room hears the final state, with the recap's link.
 */
export async function endSession(deps: LiveDeps, actor: LiveActor, id: string): Promise<LiveSession> {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    // The update lock waits for answers being marked (they hold a share lock), so none is missed.
    const before = await loadSession(trx, id, 'update');
    await assertHost(deps, before, actor, trx);
    assertStatus(before, 'live');
    const answered = await repo.answeredQuestions(trx, id);
    const askers = await deps.ports.authors(
      answered.map((q) => q.member_id),
      trx,
    );
    const markdown = recapMarkdown(
      { hostName: before.host_name, description: before.description, startedAt: before.started_at!, endedAt: now },
      answered.map((q) => ({ body: q.body, upvotes: q.upvotes, asker: askers.get(q.member_id)!.nickname })),
    );
    const threadId = await deps.ports.createRecapThread(trx, {
      groupId: before.group_id,
      title: recapTitle(before.title),
      body: markdown,
      // An official thread remembers the operator behind it; a member host's recap is still official.
      operator: actor.kind === 'operator' ? { id: actor.operator.operatorId, name: actor.operator.displayName } : null,
    });
    const row = await repo.updateSession(trx, id, {
      status: 'ended',
      ended_at: now,
      recap_thread_id: threadId,
      recap_markdown: markdown,
      updated_at: now,
    });
    await deps.audit.record(trx, {
      actor: auditActor(actor),
      action: 'live.ended',
      target: { type: 'live_session', id },
      before: { status: 'live' },
      after: { status: 'ended', recapThreadId: threadId, answeredQuestions: answered.length },
      ip: auditIp(actor),
    });
    const session = await sessionView(deps, trx, row);
    await broadcastLive(deps.outbox, trx, id, 'live.state', { session });
    return session;
  });
}
