import type { FunnelQuery } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { CronJob } from '../../platform/jobs/scheduler.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { CommunityOpsModule } from '../community-ops/index.js';
import type { NotificationsModule } from '../notifications/index.js';
import { warnDyingGroups } from './warn-dying.js';
import { assessGroup, groupFacts } from './health.js';
import { membersView } from './members.js';
import { SERVER_EVENTS } from './catalog.js';
import { channels, listChannelCosts, setChannelCost } from './channels.js';
import { coreMetric } from './core-metric.js';
import type { AnalyticsDeps } from './deps.js';
import { listSegments, runFunnel, saveDroppedSegment, segmentMembers } from './funnels.js';
import { ensurePartitions, runRollups } from './rollups.js';
import { seedDemoAnalytics } from './seed-demo.js';
import { ingestBatch, recordServerEvent, type BatchContext } from './store.js';

export { analyticsMemberRoutes } from './routes.member.js';
export { analyticsConsoleRoutes } from './routes.console.js';
export { DEFAULT_FUNNEL } from './funnels.js';

const SUBSCRIBER = 'analytics';

/**
 * Analytics (数据分析): browser events from the web SDK (`POST /api/v1/events`) and business facts
 * from the outbox (`catalog.ts`, one line per event name) in one month-partitioned store, daily
 * rollups kept exact under late events (dirty days + watermark), funnels, the core metric's
 * decomposition, channels with vanity warnings and quadrants, saved segments. Member ids only.
 */
export function createAnalyticsModule(
  platform: Pick<Platform, 'db' | 'clock' | 'logger' | 'outbox'>,
  modules: { audit: AuditModule; community: CommunityModule; communityOps: CommunityOpsModule; notifications: NotificationsModule },
) {
  const deps: AnalyticsDeps = { db: platform.db, clock: platform.clock, logger: platform.logger };
  const rollup = (now: Date) => runRollups(deps, now);
  const warnDying = (now: Date) =>
    warnDyingGroups(
      {
        health: () => self.communityHealth(),
        staffOf: (groupId) => modules.community.staffOf(groupId),
        send: (input) => modules.notifications.send(input),
      },
      now,
    );
  const cronJobs: CronJob[] = [
    // Dirty days (new and late events, stitched ids) are re-aggregated every five minutes.
    { name: 'analytics-rollups', cron: '*/5 * * * *', run: rollup },
    // Month partitions are created ahead of time.
    { name: 'analytics-partitions', cron: '30 3 * * *', run: async (now) => ({ created: await ensurePartitions(platform.db, now) }) },
    // Monday 09:30: groups fading away are reported to their owner and admins.
    { name: 'analytics-dying-groups', cron: '30 9 * * 1', run: (now) => warnDying(now) },
  ];
  const self = {
    /** Outbox subscriptions (worker role; tests drain the outbox). */
    subscribe() {
      for (const name of Object.keys(SERVER_EVENTS)) platform.outbox.subscribe(name, SUBSCRIBER, (event) => recordServerEvent(deps, event));
    },
    cronJobs,
    rollup,
    ingest: (events: unknown[], ctx: BatchContext) => ingestBatch(deps, events, ctx),
    funnel: (q: FunnelQuery) => runFunnel(deps, q),
    saveDroppedSegment: (op: OperatorPrincipal, input: Parameters<typeof saveDroppedSegment>[2]) => saveDroppedSegment(deps, op, input),
    segments: () => listSegments(deps),
    /** A saved segment's member ids (for sends and campaigns); null when there is no such segment. */
    segmentMembers: (id: string) => segmentMembers(deps, id),
    coreMetric: (q: Parameters<typeof coreMetric>[1]) => coreMetric(deps, q),
    channels: (q: Parameters<typeof channels>[1]) => channels(deps, q),
    channelCosts: () => listChannelCosts(deps),
    setChannelCost: (op: OperatorPrincipal, input: Parameters<typeof setChannelCost>[2], ip: string | null) =>
      setChannelCost({ ...deps, audit: modules.audit }, op, input, ip),
    /** Community health per group (or one group): stage and signals, DAU/MAU, lurkers, response times, newcomers, the dying warning. */
    async communityHealth(groupId?: string) {
      const now = platform.clock.now();
      const questions = await modules.communityOps.questionTimes(new Date(now.getTime() - 60 * 86_400_000), groupId);
      const items = (await groupFacts(platform.db, now, questions, groupId)).map((f) => assessGroup(f, now));
      const names = await modules.community.groupNames(items.map((i) => i.groupId));
      const sorted = [...items].sort((a, b) => Number(b.dying) - Number(a.dying) || b.messagesPerDay - a.messagesPerDay);
      const ratios = items.map((i) => i.dauMau).sort((a, b) => a - b);
      return {
        asOf: now.toISOString(),
        overall: {
          groups: items.length,
          dying: items.filter((i) => i.dying).length,
          messagesPerDay: items.reduce((s, i) => s + i.messagesPerDay, 0),
          medianDauMau: ratios.length ? ratios[Math.floor(ratios.length / 2)]! : 0,
        },
        items: sorted.map((i) => ({ ...i, groupName: names.get(i.groupId) ?? null })),
      };
    },
    /** Weekly cohort retention, repeat investment, 80/20 + Lorenz, high-net-worth count, lifecycle stages (from the event store). */
    members: (hnwThreshold: bigint = 50_000_000n) => membersView(platform.db, platform.clock.now(), hnwThreshold),
    /** Months of demo events so every chart has something to show (idempotent). */
    seedDemo: () => seedDemoAnalytics(deps),
    /** The weekly dying-group warning (also the `analytics-dying-groups` job). */
    warnDyingGroups: warnDying,
  };
  return self;
}
export type AnalyticsModule = ReturnType<typeof createAnalyticsModule>;
