import {
  CreateHousehold,
  CreateRiskRuleVersion,
  ErrorBody,
  LargeTransactionQuery,
  LargeTransactions,
  RiskCaseDetail,
  RiskCasePage,
  RiskCaseQuery,
  RiskCaseTransition,
  RiskDashboard,
  RiskHousehold,
  RiskMember,
  RiskReview,
  RiskReviewDecision,
  RiskReviewPage,
  RiskReviewQuery,
  RiskRings,
  RiskRingsQuery,
  RiskRuleVersion,
  RiskRuleVersionList,
  RiskShadowComparison,
  SetRiskRuleStatus,
} from '@quanzi/contracts';
import { z } from 'zod';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { RiskModule } from './index.js';

const tags = ['console: risk'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Id = z.object({ id: z.uuid() });
const Version = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) });
const risk = { operator: 'risk.manage' } as const;
const monitoring = { operator: 'risk.monitoring' } as const;

/** Dates become ISO strings, as the contract's timestamps are. */
type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends Record<string, unknown>
      ? { [K in keyof T]: Json<T[K]> }
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;
const plain = <T>(value: T): Json<T> => JSON.parse(JSON.stringify(value)) as Json<T>;

/** Risk officers: scores, rings, households, reviews, rules. Compliance: monitoring cases. Every write audited. */
export function riskConsoleRoutes(app: HttpApp, { auth }: RouteContext, riskModule: RiskModule): void {
  const c = riskModule.console;
  const officer = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'risk.manage');
  const compliance = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'risk.monitoring');

  app.get(
    '/risk/dashboard',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: 'Blocked and reviewed grants, money saved, false-positive reversals (30 days)',
        response: { 200: RiskDashboard, ...errors },
      },
    },
    async (request) => {
      await officer(request);
      return plain(await c.dashboard());
    },
  );

  app.get(
    '/risk/members/:id',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: "A member's risk score, decision and reasons, links and timeline",
        params: Id,
        response: { 200: RiskMember, ...errors },
      },
    },
    async (request) => {
      await officer(request);
      return plain(await c.member(request.params.id));
    },
  );

  app.get(
    '/risk/rings',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: 'Rings of linked accounts, largest first, with the typed links',
        querystring: RiskRingsQuery,
        response: { 200: RiskRings, ...errors },
      },
    },
    async (request) => {
      await officer(request);
      return plain(await c.rings(request.query));
    },
  );

  app.post(
    '/risk/households',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: 'Whitelist a household: links among its members stop counting',
        body: CreateHousehold,
        response: { 201: RiskHousehold, ...errors },
      },
    },
    async (request, reply) => {
      const op = await officer(request);
      reply.code(201);
      return c.createHousehold(op, request.body, request.ip);
    },
  );

  app.get(
    '/risk/reviews',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: 'The review queue (pending: open and escalated) or decided reviews',
        querystring: RiskReviewQuery,
        response: { 200: RiskReviewPage, ...errors },
      },
    },
    async (request) => {
      await officer(request);
      return plain(await c.reviews(request.query));
    },
  );

  app.post(
    '/risk/reviews/:id/decision',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: 'Confirm, whitelist or escalate a review, with a reason (audited)',
        params: Id,
        body: RiskReviewDecision,
        response: { 200: RiskReview, ...errors },
      },
    },
    async (request) => {
      const op = await officer(request);
      return plain(await c.decideReview(op, request.params.id, request.body, request.ip));
    },
  );

  app.get(
    '/risk/rules',
    {
      config: { access: risk },
      schema: { tags, summary: 'Rule versions, newest first', response: { 200: RiskRuleVersionList, ...errors } },
    },
    async (request) => {
      await officer(request);
      return plain({ items: await c.ruleVersions() });
    },
  );

  app.post(
    '/risk/rules',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: 'A new draft rule version (signals from a fixed list, weights 0–100)',
        body: CreateRiskRuleVersion,
        response: { 201: RiskRuleVersion, ...errors },
      },
    },
    async (request, reply) => {
      const op = await officer(request);
      reply.code(201);
      return plain(await c.createRuleVersion(op, request.body, request.ip));
    },
  );

  app.post(
    '/risk/rules/:version/status',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: 'Put a version in shadow, in force, or retire it',
        params: Version,
        body: SetRiskRuleStatus,
        response: { 200: RiskRuleVersion, ...errors },
      },
    },
    async (request) => {
      const op = await officer(request);
      return plain(await c.setRuleStatus(op, request.params.version, request.body.status, request.ip));
    },
  );

  app.get(
    '/risk/rules/:version/shadow',
    {
      config: { access: risk },
      schema: {
        tags,
        summary: 'What a shadow version would have decided vs the decisions taken',
        params: Version,
        response: { 200: RiskShadowComparison, ...errors },
      },
    },
    async (request) => {
      await officer(request);
      return c.shadowComparison(request.params.version);
    },
  );

  app.get(
    '/risk/monitoring/cases',
    {
      config: { access: monitoring },
      schema: {
        tags,
        summary: 'Transaction monitoring cases (structuring, many cards into one account)',
        querystring: RiskCaseQuery,
        response: { 200: RiskCasePage, ...errors },
      },
    },
    async (request) => {
      await compliance(request);
      return plain(await c.cases(request.query));
    },
  );

  app.get(
    '/risk/monitoring/cases/:id',
    {
      config: { access: monitoring },
      schema: { tags, summary: 'A monitoring case with its history', params: Id, response: { 200: RiskCaseDetail, ...errors } },
    },
    async (request) => {
      await compliance(request);
      return plain(await c.case(request.params.id));
    },
  );

  app.post(
    '/risk/monitoring/cases/:id/transitions',
    {
      config: { access: monitoring },
      schema: {
        tags,
        summary: 'open → investigating → reported → closed, with a note (audited)',
        params: Id,
        body: RiskCaseTransition,
        response: { 200: RiskCaseDetail, ...errors },
      },
    },
    async (request) => {
      const op = await compliance(request);
      return plain(await c.transitionCase(op, request.params.id, request.body, request.ip));
    },
  );

  app.get(
    '/risk/monitoring/large-transactions',
    {
      config: { access: monitoring },
      schema: {
        tags,
        summary: 'Transactions of a Shanghai day at or above the large-transaction threshold',
        querystring: LargeTransactionQuery,
        response: { 200: LargeTransactions, ...errors },
      },
    },
    async (request) => {
      await compliance(request);
      return plain(await c.largeTransactions(new Date(`${request.query.day}T00:00:00+08:00`)));
    },
  );
}
