import {
  ChannelCost,
  ChannelCostInput,
  Channels,
  ChannelsQuery,
  CommunityHealth,
  CommunityHealthQuery,
  CoreMetric,
  CoreMetricQuery,
  ErrorBody,
  FunnelQuery,
  MembersAnalytics,
  MembersQuery,
  FunnelResult,
  SaveDroppedSegment,
  AnalyticsSegment,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import { DEFAULT_FUNNEL } from './funnels.js';
import type { AnalyticsModule } from './index.js';

const tags = ['console: analytics'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** Growth dashboards: growth operators (and admins). Community health is for community managers. */
const access = { operator: 'analytics.growth' } as const;

export function analyticsConsoleRoutes(app: HttpApp, { auth }: RouteContext, analytics: AnalyticsModule): void {
  const growth = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'analytics.growth');

  app.post(
    '/analytics/funnels',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Funnel counts per step (and per breakdown value), conversion window, order mode, time to convert (PostHog semantics, see API.md)',
        body: FunnelQuery,
        response: { 200: FunnelResult, ...errors },
      },
    },
    async (request) => {
      await growth(request);
      return analytics.funnel(request.body);
    },
  );

  app.get(
    '/analytics/funnels/default',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The console home funnel: 访问 → 注册 → 实名 → 绑卡 → 首投, 14-day window, last 30 days, by channel',
        response: { 200: FunnelResult, ...errors },
      },
    },
    async (request) => {
      await growth(request);
      return analytics.funnel({ ...DEFAULT_FUNNEL, breakdown: 'channel' });
    },
  );

  app.post(
    '/analytics/segments',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Save the members who dropped after a funnel step as a segment (for sends and campaigns)',
        body: SaveDroppedSegment,
        response: { 201: AnalyticsSegment, ...errors },
      },
    },
    async (request, reply) => {
      const op = await growth(request);
      reply.code(201);
      return analytics.saveDroppedSegment(op, request.body);
    },
  );

  app.get(
    '/analytics/segments',
    {
      config: { access },
      schema: { tags, summary: 'Saved segments', response: { 200: z.object({ items: z.array(AnalyticsSegment) }), ...errors } },
    },
    async (request) => {
      await growth(request);
      return { items: await analytics.segments() };
    },
  );

  app.get(
    '/community/health',
    {
      config: { access: { operator: 'analytics.community' } },
      schema: {
        tags,
        summary:
          'Community health per group (or one): stage with its signals, DAU/MAU, messages per day, lurkers, first-response median/p90 (open questions count), newcomer first-week value, dying-group warning',
        querystring: CommunityHealthQuery,
        response: { 200: CommunityHealth, ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'analytics.community');
      return analytics.communityHealth(request.query.groupId);
    },
  );

  app.get(
    '/analytics/members',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Members: weekly cohort retention (heatmap), repeat-investment rate, 80/20 with the Lorenz curve (net invested), high-net-worth count, lifecycle stages',
        querystring: MembersQuery,
        response: { 200: MembersAnalytics, ...errors },
      },
    },
    async (request) => {
      await growth(request);
      return analytics.members(request.query.hnwThreshold ? BigInt(request.query.hnwThreshold) : undefined);
    },
  );

  app.get(
    '/analytics/core-metric',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Investment amount = UV × registration rate × investment rate × average ticket, this period vs the previous, log-decomposed',
        querystring: CoreMetricQuery,
        response: { 200: CoreMetric, ...errors },
      },
    },
    async (request) => {
      await growth(request);
      return analytics.coreMetric(request.query);
    },
  );

  app.get(
    '/analytics/channels',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Per channel: UV, registrations, real names, first investments, amount, cost, CAC, ROI, 30-day retention, vanity warning, quadrant',
        querystring: ChannelsQuery,
        response: { 200: Channels, ...errors },
      },
    },
    async (request) => {
      await growth(request);
      return analytics.channels(request.query);
    },
  );

  app.get(
    '/analytics/channel-costs',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Channel costs entered by growth operators',
        response: { 200: z.object({ items: z.array(ChannelCost) }), ...errors },
      },
    },
    async (request) => {
      await growth(request);
      return { items: await analytics.channelCosts() };
    },
  );

  app.put(
    '/analytics/channel-costs',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Enter (or replace) what a channel cost in a period, in fen (audited)',
        body: ChannelCostInput,
        response: { 200: ChannelCost, ...errors },
      },
    },
    async (request) => {
      const op = await growth(request);
      return analytics.setChannelCost(op, request.body, requestMeta(request).ip);
    },
  );
}
