import { LIVE_REMINDER_LEAD_MS } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import type { LiveDeps } from './deps.js';
import { sessionLink } from './present.js';
import * as repo from './repo.js';
import { shanghaiTime } from './view.js';

const BATCH = 200;

/**
 * The every-minute job: subscribers of sessions starting within ten minutes get one in-app
 * reminder. Each subscription is marked reminded in the transaction that sends its notice (the
 * notification module skips members who switched live reminders off), and the notice's source key
 * makes a second run — or a second worker — remind nobody twice.
 */
export async function sendReminders(deps: LiveDeps, now: Date): Promise<{ reminded: number }> {
  const until = new Date(now.getTime() + LIVE_REMINDER_LEAD_MS);
  let reminded = 0;
  for (;;) {
    const claimed = await transact(deps.db, async (trx) => {
      const due = await repo.claimDueReminders(trx, until, BATCH);
      const bySession = new Map<string, string[]>();
      for (const s of due) {
        await deps.notices.send(trx, {
          memberId: s.member_id,
          kind: 'live_reminder',
          title: `直播即将开始：${s.title}`,
          body: `${s.host_name} 的直播将于 ${shanghaiTime(s.scheduled_at)} 开始，点击进入直播间`,
          link: sessionLink(s.session_id),
          sourceEventId: `live-reminder:${s.session_id}:${s.member_id}`,
        });
        reminded++;
        bySession.set(s.session_id, [...(bySession.get(s.session_id) ?? []), s.member_id]);
      }
      for (const [sessionId, members] of bySession) await repo.markReminded(trx, sessionId, members, now);
      return due.length;
    });
    if (claimed < BATCH) return { reminded };
  }
}
