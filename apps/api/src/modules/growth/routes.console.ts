import {
  Campaign,
  CampaignDefinition,
  CampaignDetail,
  CampaignGrant,
  CampaignPreview,
  ErrorBody,
  PageQuery,
  pageOf,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { GrowthModule } from './index.js';

const tags = ['console: growth'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Id = z.object({ id: z.uuid() });
const access = { operator: 'growth.manage' } as const;

/** Growth operators build campaigns (trigger → conditions → effects, budgets), preview, pause and read the grants log. */
export function growthConsoleRoutes(app: HttpApp, { auth }: RouteContext, growth: GrowthModule): void {
  const operator = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'growth.manage');

  app.post(
    '/campaigns',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Create a campaign: trigger, conditions, effects or amount tiers, a total budget (money and/or count; required), optional daily budget, per-member limit, window (audited)',
        body: CampaignDefinition,
        response: { 201: Campaign, ...errors },
      },
    },
    async (request, reply) => {
      const op = await operator(request);
      return reply.code(201).send(await growth.createCampaign(op, request.body, requestMeta(request).ip));
    },
  );

  app.get(
    '/campaigns',
    {
      config: { access },
      schema: { tags, summary: 'Campaigns, newest first', querystring: PageQuery, response: { 200: pageOf(Campaign), ...errors } },
    },
    async (request) => {
      await operator(request);
      return growth.campaigns(request.query.page, request.query.pageSize);
    },
  );

  app.post(
    '/campaigns/preview',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Dry run of a campaign definition against the last seven days of its trigger’s events (nothing written)',
        body: CampaignDefinition,
        response: { 200: CampaignPreview, ...errors },
      },
    },
    async (request) => {
      await operator(request);
      return growth.preview(request.body);
    },
  );

  app.get(
    '/campaigns/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'A campaign with budget spent, grant counts by outcome and the daily burn-down',
        params: Id,
        response: { 200: CampaignDetail, ...errors },
      },
    },
    async (request) => {
      await operator(request);
      return growth.campaign(request.params.id);
    },
  );

  app.get(
    '/campaigns/:id/grants',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The grants log: one row per (campaign, event) with its outcome, cost and risk decision',
        params: Id,
        querystring: z.object({
          ...PageQuery.shape,
          status: z.enum(['granted', 'review', 'denied', 'member_limit', 'budget_exhausted']).optional(),
        }),
        response: { 200: pageOf(CampaignGrant), ...errors },
      },
    },
    async (request) => {
      await operator(request);
      return growth.grants(request.params.id, request.query.status, request.query.page, request.query.pageSize);
    },
  );

  for (const action of ['pause', 'resume'] as const) {
    app.post(
      `/campaigns/:id/${action}`,
      {
        config: { access },
        schema: {
          tags,
          summary: action === 'pause' ? 'Pause a running campaign (audited)' : 'Resume a paused campaign (audited)',
          params: Id,
          response: { 200: Campaign, ...errors },
        },
      },
      async (request) => {
        const op = await operator(request);
        const ip = requestMeta(request).ip;
        return action === 'pause' ? growth.pause(op, request.params.id, ip) : growth.resume(op, request.params.id, ip);
      },
    );
  }
}
