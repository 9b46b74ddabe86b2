import {
  CalendarEntry,
  CalendarPage,
  CheckCalendarContent,
  CreateCalendarEntry,
  CreatedCalendarEntry,
  NearDuplicateResult,
  UpdateCalendarEntry,
  ApplySopTemplate,
  CreateSopTemplate,
  SopApplication,
  SopTemplate,
  CreateDutySlot,
  CreateKeywordReply,
  KeywordReply,
  UpdateKeywordReply,
  DutyRoster,
  DutySlot,
  ErrorBody,
  OpsGroupSettings,
  UnansweredAlarmPage,
  UnansweredAlarmQuery,
  UpdateOpsGroupSettings,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { CommunityOpsModule } from './index.js';

const tags = ['console: community operations'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Id = z.object({ id: z.uuid() });
const RuleId = z.object({ id: z.uuid(), ruleId: z.uuid() });
const EntryId = z.object({ id: z.uuid(), entryId: z.uuid() });
const AppId = z.object({ id: z.uuid(), applicationId: z.uuid() });
const access = { operator: 'community.manage' } as const;

/** Community managers run the alarm board, the roster and each group's automation (every write audited). */
export function communityOpsConsoleRoutes(app: HttpApp, { auth }: RouteContext, ops: CommunityOpsModule): void {
  const manager = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'community.manage');

  app.get(
    '/unanswered-alarms',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Questions nobody answered in time (status=alarmed, default), or open/answered/all, with first-response times',
        querystring: UnansweredAlarmQuery,
        response: { 200: UnansweredAlarmPage, ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return ops.alarms(request.query);
    },
  );

  app.get(
    '/groups/:id/ops-settings',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Alarm minutes, working hours, welcome template',
        params: Id,
        response: { 200: OpsGroupSettings, ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return ops.settings(request.params.id);
    },
  );

  app.put(
    '/groups/:id/ops-settings',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a group’s operations settings (audited)',
        params: Id,
        body: UpdateOpsGroupSettings,
        response: { 200: OpsGroupSettings, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return ops.updateSettings(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );

  app.get(
    '/groups/:id/keyword-replies',
    {
      config: { access },
      schema: {
        tags,
        summary: 'A group’s keyword auto-replies',
        params: Id,
        response: { 200: z.object({ items: z.array(KeywordReply) }), ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return ops.keywordReplies(request.params.id);
    },
  );

  app.post(
    '/groups/:id/keyword-replies',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Add a keyword auto-reply (exact/contains/regex; a regex that can backtrack catastrophically is refused with KEYWORD_PATTERN_UNSAFE; the reply passes marketing compliance) (audited)',
        params: Id,
        body: CreateKeywordReply,
        response: { 201: KeywordReply, ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      return reply.code(201).send(await ops.createKeywordReply(op, request.params.id, request.body, requestMeta(request).ip));
    },
  );

  app.patch(
    '/groups/:id/keyword-replies/:ruleId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Switch a keyword auto-reply on or off (audited)',
        params: RuleId,
        body: UpdateKeywordReply,
        response: { 200: KeywordReply, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return ops.setKeywordReplyEnabled(op, request.params.id, request.params.ruleId, request.body.enabled, requestMeta(request).ip);
    },
  );

  app.delete(
    '/groups/:id/keyword-replies/:ruleId',
    {
      config: { access },
      schema: { tags, summary: 'Delete a keyword auto-reply (audited)', params: RuleId, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const op = await manager(request);
      await ops.deleteKeywordReply(op, request.params.id, request.params.ruleId, requestMeta(request).ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/groups/:id/calendar',
    {
      config: { access },
      schema: {
        tags,
        summary: 'A group’s content calendar and what it posted in the last 14 days',
        params: Id,
        response: { 200: CalendarPage, ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return ops.calendar(request.params.id);
    },
  );

  app.post(
    '/groups/:id/calendar/check',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Near-duplicates of a text among the group’s last 14 days of posts and its scheduled entries',
        params: Id,
        body: CheckCalendarContent,
        response: { 200: NearDuplicateResult, ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return ops.checkCalendarContent(request.params.id, request.body.body);
    },
  );

  app.post(
    '/groups/:id/calendar',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Schedule a post by the official account (once, daily or weekly, Asia/Shanghai); 422 MARKETING_COMPLIANCE with the offending words; near-duplicates returned as warnings (audited)',
        params: Id,
        body: CreateCalendarEntry,
        response: { 201: CreatedCalendarEntry, ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      return reply.code(201).send(await ops.schedule(op, request.params.id, request.body, requestMeta(request).ip));
    },
  );

  app.patch(
    '/groups/:id/calendar/:entryId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Pause or resume a scheduled post (audited)',
        params: EntryId,
        body: UpdateCalendarEntry,
        response: { 200: CalendarEntry, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return ops.changeEntry(op, request.params.id, request.params.entryId, request.body.status, requestMeta(request).ip);
    },
  );

  app.delete(
    '/groups/:id/calendar/:entryId',
    {
      config: { access },
      schema: { tags, summary: 'Cancel a scheduled post (audited)', params: EntryId, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const op = await manager(request);
      await ops.changeEntry(op, request.params.id, request.params.entryId, 'cancelled', requestMeta(request).ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sop-templates',
    {
      config: { access },
      schema: {
        tags,
        summary: 'SOP templates (group stages and member lifecycle)',
        response: { 200: z.object({ items: z.array(SopTemplate) }), ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return ops.sopTemplates();
    },
  );

  app.post(
    '/sop-templates',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Create an SOP template: stage steps (day offset + time) or lifecycle steps (day 0, 1, 3, 7 …); texts pass marketing compliance (audited)',
        body: CreateSopTemplate,
        response: { 201: SopTemplate, ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      return reply.code(201).send(await ops.createSopTemplate(op, request.body, requestMeta(request).ip));
    },
  );

  app.delete(
    '/sop-templates/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Delete an SOP template (applications keep running) (audited)',
        params: Id,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      await ops.deleteSopTemplate(op, request.params.id, requestMeta(request).ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/groups/:id/sop-applications',
    {
      config: { access },
      schema: {
        tags,
        summary: 'SOP templates applied to a group',
        params: Id,
        response: { 200: z.object({ items: z.array(SopApplication) }), ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return ops.sopApplications(request.params.id);
    },
  );

  app.post(
    '/groups/:id/sop-applications',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Apply an SOP template to a group: stage steps become calendar entries; lifecycle steps reach every member who joins after (audited)',
        params: Id,
        body: ApplySopTemplate,
        response: { 201: z.object({ application: SopApplication, entries: z.array(CalendarEntry) }), ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      return reply.code(201).send(await ops.applySop(op, request.params.id, request.body.templateId, requestMeta(request).ip));
    },
  );

  app.delete(
    '/groups/:id/sop-applications/:applicationId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Stop an applied SOP (unposted entries cancelled, pending messages not sent) (audited)',
        params: AppId,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      await ops.stopSop(op, request.params.id, request.params.applicationId, requestMeta(request).ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/duty-roster',
    {
      config: { access },
      schema: { tags, summary: 'The on-duty roster and who is on duty now', response: { 200: DutyRoster, ...errors } },
    },
    async (request) => {
      await manager(request);
      return ops.roster();
    },
  );

  app.get(
    '/duty-roster/operators',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Active operators who can be put on duty',
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()) })) }),
          ...errors,
        },
      },
    },
    async (request) => {
      await manager(request);
      return { items: await ops.dutyCandidates() };
    },
  );

  app.post(
    '/duty-roster',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Put an operator on duty for a weekday and time range (audited)',
        body: CreateDutySlot,
        response: { 201: DutySlot, ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      return reply.code(201).send(await ops.addDuty(op, request.body, requestMeta(request).ip));
    },
  );

  app.delete(
    '/duty-roster/:id',
    { config: { access }, schema: { tags, summary: 'Remove a roster slot (audited)', params: Id, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const op = await manager(request);
      await ops.removeDuty(op, request.params.id, requestMeta(request).ip);
      return reply.code(204).send(null);
    },
  );
}
