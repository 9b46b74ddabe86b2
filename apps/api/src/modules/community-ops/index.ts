import type { Platform } from '../../platform/context.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { CronJob } from '../../platform/jobs/scheduler.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { NotificationsModule } from '../notifications/index.js';
import type { OperatorsModule } from '../operators/index.js';
import type { SearchModule } from '../search/index.js';
import { listAlarms, postedFrom, raiseDueAlarms, trackMessage, trackThread, trackThreadReply, withdrawQuestion } from './alarms.js';
import type { CommunityOpsDeps } from './deps.js';
import { addDutySlot, listRoster, removeDutySlot } from './roster.js';
import { autoReply, createKeywordReply, deleteKeywordReply, listKeywordReplies, setKeywordReplyEnabled } from './keyword-replies.js';
import { getSettings, updateSettings } from './settings.js';
import { joinedFrom, welcome } from './welcome.js';
import {
  applyTemplate,
  createSopTemplate,
  deleteSopTemplate,
  listApplications,
  listSopTemplates,
  scheduleLifecycle,
  sendDueLifecycle,
  stopApplication,
} from './sop.js';
import type { CreateSopTemplate } from '@quanzi/contracts';
import { seedDemoOps } from './seed-demo.js';
import { questionTimes } from './repo.js';
import { changeEntry, checkContent, listCalendar, postDueEntries, scheduleEntry, type CalendarInput } from './calendar.js';

export { communityOpsConsoleRoutes } from './routes.console.js';
export { isQuestion } from './question.js';

const SUBSCRIBER = 'community-ops';

/**
 * Community operations (社群运营) on top of community, notifications and search: the
 * unanswered-question alarm with the on-duty roster and first-response times, per-group settings.
 * Hears `community.message_posted` / `community.member_joined` from the outbox; its minute job
 * receives "now".
 */
export function createCommunityOpsModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'logger'>,
  modules: {
    audit: AuditModule;
    community: CommunityModule;
    notifications: NotificationsModule;
    operators: OperatorsModule;
    search: SearchModule;
  },
) {
  const deps: CommunityOpsDeps = { db: platform.db, clock: platform.clock, outbox: platform.outbox, logger: platform.logger, ...modules };
  const tick = async (now: Date) => ({
    alarms: await raiseDueAlarms(deps, now),
    calendar: await postDueEntries(deps, now),
    lifecycle: await sendDueLifecycle(deps, now),
  });
  const cronJobs: CronJob[] = [
    // Unanswered questions become alarms and scheduled posts go out on the minute (the job gets the clock's "now").
    { name: 'community-ops-minute', cron: '* * * * *', run: tick },
  ];
  return {
    /** Outbox subscriptions (worker role; tests drain the outbox). */
    subscribe() {
      platform.outbox.subscribe('community.message_posted', SUBSCRIBER, async (event) => {
        const m = postedFrom(event);
        if (!m) return;
        await trackMessage(deps, m);
        await autoReply(deps, m);
      });
      platform.outbox.subscribe('forum.thread_posted', SUBSCRIBER, (event) => trackThread(deps, event));
      platform.outbox.subscribe('forum.reply_posted', SUBSCRIBER, (event) => trackThreadReply(deps, event));
      platform.outbox.subscribe('community.message_status_changed', SUBSCRIBER, (event) => withdrawQuestion(deps, event));
      platform.outbox.subscribe('forum.thread_removed', SUBSCRIBER, (event) => withdrawQuestion(deps, event));
      platform.outbox.subscribe('community.member_joined', SUBSCRIBER, async (event) => {
        const joined = joinedFrom(event);
        if (!joined) return;
        await welcome(deps, joined);
        await scheduleLifecycle(deps, joined);
      });
    },
    cronJobs,
    tick,
    alarms: (q: Parameters<typeof listAlarms>[1]) => listAlarms(deps, q),
    settings: (groupId: string) => getSettings(deps, groupId),
    updateSettings: (op: OperatorPrincipal, groupId: string, input: Parameters<typeof updateSettings>[3], ip: string | null) =>
      updateSettings(deps, op, groupId, input, ip),
    keywordReplies: (groupId: string) => listKeywordReplies(deps, groupId),
    createKeywordReply: (op: OperatorPrincipal, groupId: string, input: Parameters<typeof createKeywordReply>[3], ip: string | null) =>
      createKeywordReply(deps, op, groupId, input, ip),
    setKeywordReplyEnabled: (op: OperatorPrincipal, groupId: string, id: string, enabled: boolean, ip: string | null) =>
      setKeywordReplyEnabled(deps, op, groupId, id, enabled, ip),
    deleteKeywordReply: (op: OperatorPrincipal, groupId: string, id: string, ip: string | null) =>
      deleteKeywordReply(deps, op, groupId, id, ip),
    calendar: (groupId: string) => listCalendar(deps, groupId),
    checkCalendarContent: (groupId: string, body: string) => checkContent(deps, groupId, body),
    schedule: (op: OperatorPrincipal, groupId: string, input: CalendarInput, ip: string | null) =>
      scheduleEntry(deps, op, groupId, input, ip),
    changeEntry: (op: OperatorPrincipal, groupId: string, id: string, status: 'scheduled' | 'paused' | 'cancelled', ip: string | null) =>
      changeEntry(deps, op, groupId, id, status, ip),
    sopTemplates: () => listSopTemplates(deps),
    createSopTemplate: (op: OperatorPrincipal, input: CreateSopTemplate, ip: string | null) => createSopTemplate(deps, op, input, ip),
    deleteSopTemplate: (op: OperatorPrincipal, id: string, ip: string | null) => deleteSopTemplate(deps, op, id, ip),
    sopApplications: (groupId: string) => listApplications(deps, groupId),
    applySop: (op: OperatorPrincipal, groupId: string, templateId: string, ip: string | null) =>
      applyTemplate(deps, op, groupId, templateId, ip),
    stopSop: (op: OperatorPrincipal, groupId: string, id: string, ip: string | null) => stopApplication(deps, op, groupId, id, ip),
    /** The demo's roster, keyword reply, calendar and SOP templates (once). */
    seedDemo: (op: OperatorPrincipal) => seedDemoOps(deps, op),
    roster: () => listRoster(deps),
    /** Operators who can be put on duty (active ones), for the roster page. */
    async dutyCandidates() {
      const all = await deps.operators.list();
      return all.filter((o) => !o.disabled).map((o) => ({ id: o.id, displayName: o.displayName, roles: o.roles }));
    },
    /** Questions asked since `since` (group, asked, first response or null), for analytics' community health. */
    questionTimes: (since: Date, groupId?: string) => questionTimes(platform.db, since, groupId),
    addDuty: (op: OperatorPrincipal, input: Parameters<typeof addDutySlot>[2], ip: string | null) => addDutySlot(deps, op, input, ip),
    removeDuty: (op: OperatorPrincipal, id: string, ip: string | null) => removeDutySlot(deps, op, id, ip),
  };
}
export type CommunityOpsModule = ReturnType<typeof createCommunityOpsModule>;
