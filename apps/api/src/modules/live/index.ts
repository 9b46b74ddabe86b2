import type { LiveStatus, ScheduleLiveRequest, UpdateLiveRequest } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { CronJob } from '../../platform/jobs/scheduler.js';
import type { RealtimePrincipal } from '../../platform/realtime/principal.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { ForumModule } from '../forum/index.js';
import type { ModerationModule } from '../moderation/index.js';
import { canSubscribe } from './access.js';
import { askQuestion } from './ask-question.js';
import { cancelSession } from './cancel-session.js';
import type { LiveActor, LiveDeps } from './deps.js';
import { editSession } from './edit-session.js';
import { endSession } from './end-session.js';
import { getSession } from './get-session.js';
import { listComments } from './list-comments.js';
import { listConsoleSessions } from './list-console-sessions.js';
import { listQuestions, listQuestionsForConsole } from './list-questions.js';
import { listSessions } from './list-sessions.js';
import { markAnswered } from './mark-answered.js';
import { createLivePorts } from './ports.js';
import { postComment } from './post-comment.js';
import { roomTextTarget } from './room-moderation.js';
import { scheduleSession } from './schedule-session.js';
import { seedDemoLive, type DemoLiveInput } from './seed-demo.js';
import { sendReminders } from './send-reminders.js';
import { setSubscription } from './set-subscription.js';
import { startSession } from './start-session.js';
import { upvoteQuestion } from './upvote-question.js';
import { noticesVia } from '../../platform/events/notices.js';

export { liveMemberRoutes } from './routes.member.js';
export { liveConsoleRoutes } from './routes.console.js';
export type { LiveActor } from './deps.js';

/**
 * Live sessions (直播): operators schedule them with a host and an external https stream; members
 * book a reminder, comment and queue questions in the room over `live:<id>`; the host marks
 * questions answered and, at the end, the session becomes an official recap thread.
 */
export function createLiveModule(
  platform: Platform,
  modules: {
    audit: AuditModule;
    community: CommunityModule;
    forum: ForumModule;
    moderation: ModerationModule;
  },
) {
  const deps: LiveDeps = {
    db: platform.db,
    clock: platform.clock,
    outbox: platform.outbox,
    audit: modules.audit,
    notices: noticesVia(platform.outbox, 'live.notices'),
    ports: createLivePorts(modules),
  };
  // Reports and moderator actions on room text (comments and questions) land here.
  deps.ports.registerTarget('live_comment', roomTextTarget(deps));
  const cronJobs: CronJob[] = [
    // Subscribers hear of a session ten minutes before it starts; every minute keeps that on time.
    { name: 'live-reminders', cron: '* * * * *', run: (now) => sendReminders(deps, now) },
  ];
  return {
    /** Who may hear `live:<id>` (registered with the hub in app/http.ts). */
    canSubscribe: (principal: RealtimePrincipal, id: string) => canSubscribe(deps, principal, id),

    list: (memberId: string) => listSessions(deps, memberId),
    get: (memberId: string, id: string) => getSession(deps, memberId, id),
    subscribe: (memberId: string, id: string) => setSubscription(deps, memberId, id, true),
    unsubscribe: (memberId: string, id: string) => setSubscription(deps, memberId, id, false),
    comments: (memberId: string, id: string, query: { before?: string | undefined; limit: number }) =>
      listComments(deps, memberId, id, query),
    postComment: (memberId: string, id: string, input: { body: string }) => postComment(deps, memberId, id, input),
    questions: (memberId: string, id: string) => listQuestions(deps, memberId, id),
    askQuestion: (memberId: string, id: string, input: { body: string }) => askQuestion(deps, memberId, id, input),
    upvote: (memberId: string, questionId: string) => upvoteQuestion(deps, memberId, questionId),

    /** The host member from the app, or an operator from the console. */
    start: (actor: LiveActor, id: string) => startSession(deps, actor, id),
    end: (actor: LiveActor, id: string) => endSession(deps, actor, id),
    markAnswered: (actor: LiveActor, questionId: string) => markAnswered(deps, actor, questionId),

    schedule: (op: OperatorPrincipal, input: ScheduleLiveRequest, ip: string | null) => scheduleSession(deps, op, input, ip),
    edit: (op: OperatorPrincipal, id: string, input: UpdateLiveRequest, ip: string | null) => editSession(deps, op, id, input, ip),
    cancel: (op: OperatorPrincipal, id: string, ip: string | null) => cancelSession(deps, op, id, ip),
    consoleList: (filter: { status?: LiveStatus | undefined }, page: number, pageSize: number) =>
      listConsoleSessions(deps, filter, page, pageSize),
    consoleQuestions: (id: string) => listQuestionsForConsole(deps, id),

    sendReminders: (now: Date) => sendReminders(deps, now),
    cronJobs,
    /** Last night's session with its recap and tomorrow's, for `npm start` (seeds once). */
    seedDemo: (input: DemoLiveInput) => seedDemoLive(deps, input),
  };
}
export type LiveModule = ReturnType<typeof createLiveModule>;
