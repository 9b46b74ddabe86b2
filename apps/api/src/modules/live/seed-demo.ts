import { ManualClock, shanghaiDayStart } from '../../platform/clock.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { askQuestion } from './ask-question.js';
import type { LiveActor, LiveDeps } from './deps.js';
import { endSession } from './end-session.js';
import { markAnswered } from './mark-answered.js';
import { postComment } from './post-comment.js';
import * as repo from './repo.js';
import { scheduleSession } from './schedule-session.js';
import { setSubscription } from './set-subscription.js';
import { startSession } from './start-session.js';

const HOUR = 3600_000;
const MINUTE = 60_000;

export interface DemoLiveInput {
  /** The community manager who schedules (and hosts the upcoming session). */
  operator: OperatorPrincipal;
  /** The member who hosted last night's session (the appointed expert). */
  host: { memberId: string; name: string };
  /** A regular who asked questions last night and booked a reminder for tomorrow. */
  regular: string;
}

/**
 * Two sessions for `npm start`, made by the live module's own use cases: last night's, hosted by
 * the expert from 20:00 to 20:45 with two answered questions and its official recap thread, and
 * tomorrow's at 20:00 that the regular has booked. Last night's runs on a clock set to last night,
 * so its schedule, start, questions and end carry the times a real one would; the recap thread and
 * the audit entries are written now, as the seed runs. Seeds once.
 */
export async function seedDemoLive(deps: LiveDeps, input: DemoLiveInput): Promise<number> {
  if ((await repo.listSessions(deps.db, {}, 0, 1)).total > 0) return 0;
  const now = deps.clock.now();
  const today = shanghaiDayStart(now).getTime();
  const lastNight = new Date(today - 24 * HOUR + 20 * HOUR);
  const clock = new ManualClock(new Date(lastNight.getTime() - 3 * 24 * HOUR));
  const then: LiveDeps = { ...deps, clock };
  const host: LiveActor = { kind: 'member', memberId: input.host.memberId };
  const stream = 'https://live.example.com/quanzi/demo';

  const past = await scheduleSession(
    then,
    input.operator,
    {
      title: '活期还是定期？持牌理财师在线答疑',
      description: '聊聊活期与定期的搭配、万份收益怎么看、定期到期前急用钱怎么办。理财有风险，内容不构成投资建议。',
      hostName: input.host.name,
      hostMemberId: input.host.memberId,
      streamUrl: `${stream}/20`,
      scheduledAt: lastNight.toISOString(),
    },
    null,
  );
  clock.set(lastNight);
  await startSession(then, host, past.id);
  const at = (minutes: number) => clock.set(new Date(lastNight.getTime() + minutes * MINUTE));
  at(3);
  await postComment(then, input.regular, past.id, { body: '来了来了，准时蹲直播' });
  at(6);
  const yields = await askQuestion(then, input.regular, past.id, { body: '活期的万份收益为什么每天都不一样？' });
  at(9);
  const early = await askQuestion(then, input.regular, past.id, { body: '定期产品到期前急用钱，可以提前赎回吗？' });
  at(18);
  await markAnswered(then, host, yields.id);
  at(31);
  await markAnswered(then, host, early.id);
  at(33);
  await postComment(then, input.regular, past.id, { body: '明白了，谢谢老师！' });
  at(45);
  await endSession(then, host, past.id);

  const upcoming = await scheduleSession(
    deps,
    input.operator,
    {
      title: '新手第一课：风险测评和体验金怎么用',
      description: '第一次理财从哪里开始：风险测评的每道题在问什么，体验金能买什么、收益怎么算。',
      hostName: input.operator.displayName,
      streamUrl: `${stream}/21`,
      scheduledAt: new Date(today + 24 * HOUR + 20 * HOUR).toISOString(),
    },
    null,
  );
  await setSubscription(deps, input.regular, upcoming.id, true);
  return 2;
}
