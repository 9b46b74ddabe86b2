import {
  isMarketingTopic,
  type MemberChannel,
  type NoticeLocale,
  type Segment,
  type SendInput as SendRequest,
  type SendView,
} from '@quanzi/contracts';
import { sql } from 'kysely';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { actor } from './touch-policy.js';
import type { TouchDeps } from './deps.js';
import { enqueueMessages } from './enqueue.js';
import * as repo from './repo.js';
import { assertCompliantText, resolveActivityLink } from './send.js';
import { assertValues, render, templateVersion } from './templates.js';
import { SETTING_KEYS, TOUCH_POLICY, withOptOut } from './touch-policy.js';

const DAY_MS = 24 * 3600_000;

/**
 * One page of a segment: active members after `after` in id order (identity), narrowed by each
 * filter through its owner's index.ts — suitability level, group membership (community), channel
 * binding (ours) — and the extension points later modules register (member levels, tags).
 * `last` is where the next page starts, whatever the filters kept.
 */
export async function segmentPage(deps: TouchDeps, segment: Segment, after: string | null, limit: number) {
  const page = await deps.ports.identity.audiencePage({
    after,
    limit,
    activeSince: segment.activeWithinDays ? new Date(deps.clock.now().getTime() - segment.activeWithinDays * DAY_MS) : undefined,
    among: segment.memberIds,
  });
  let ids = page;
  if (ids.length && segment.minSuitability)
    ids = await deps.ports.suitability.coveringMembers(ids, segment.minSuitability as 1 | 2 | 3 | 4 | 5);
  if (ids.length && segment.groupIds?.length) ids = await deps.ports.community.membersOfAnyGroup(segment.groupIds, ids);
  if (ids.length && segment.boundChannel) ids = await repo.boundAmong(deps.db, segment.boundChannel, ids);
  for (const key of ['levels', 'tags'] as const) {
    const values = segment[key];
    if (!values?.length || !ids.length) continue;
    const filter = deps.segmentFilters.get(key);
    if (!filter) throw new AppError('VALIDATION_FAILED', {}, { field: `segment.${key}`, reason: 'no source for this filter yet' });
    ids = await filter(ids, values);
  }
  const keep = new Set(ids);
  return { ids: page.filter((id) => keep.has(id)), last: page.at(-1) ?? null, done: page.length < limit };
}

function assertSegment(deps: TouchDeps, segment: Segment) {
  for (const key of ['levels', 'tags'] as const)
    if (segment[key]?.length && !deps.segmentFilters.has(key))
      throw new AppError('VALIDATION_FAILED', {}, { field: `segment.${key}`, reason: 'no source for this filter yet' });
}

/** How many members the segment reaches now (the audience preview). */
export async function audienceSize(deps: TouchDeps, segment: Segment): Promise<number> {
  assertSegment(deps, segment);
  let total = 0;
  let after: string | null = null;
  for (;;) {
    const page = await segmentPage(deps, segment, after, 5000);
    total += page.ids.length;
    if (page.done || !page.last) return total;
    after = page.last;
  }
}

export const approvalThreshold = async (deps: TouchDeps) =>
  (await repo.setting<number>(deps.db, SETTING_KEYS.approvalThreshold)) ?? TOUCH_POLICY.approvalThreshold;

/**
 * The rendered texts of a send in one language: the template's en texts for members who read
 * English (when the template has them), zh-CN otherwise.
 */
function renderSend(v: repo.TemplateVersion, variables: Record<string, string>, locale: NoticeLocale = 'zh-CN') {
  const c = (locale === 'en' ? v.content.en : undefined) ?? v.content['zh-CN'];
  return { title: render(c.title, variables), body: render(c.body, variables), sms: render(c.sms ?? c.body, variables) };
}

/** Every language the template speaks, each checked before anything is created. */
const renderedLocales = (v: repo.TemplateVersion): NoticeLocale[] => (v.content.en ? ['zh-CN', 'en'] : ['zh-CN']);

/**
 * Creates a send: the template's current version is pinned, the variables must be exactly the
 * declared ones, the rendered text passes compliance (422 MARKETING_COMPLIANCE with the words), the
 * segment is not empty (422 SEGMENT_EMPTY), and a send over the threshold waits for a second operator.
 */
export async function createSend(deps: TouchDeps, op: OperatorPrincipal, input: SendRequest, ip: string | null): Promise<SendView> {
  const tv = await templateVersion(deps, input.templateId);
  if (!tv) throw new AppError('NOT_FOUND');
  const { t, v } = tv;
  assertValues(v.variables, input.variables);
  const text = renderSend(v, input.variables);
  if (isMarketingTopic(t.topic))
    assertCompliantText(
      Object.fromEntries(
        renderedLocales(v).flatMap((locale) => {
          const r = renderSend(v, input.variables, locale);
          return [
            [`${locale}.title`, r.title],
            [`${locale}.body`, r.body],
            [`${locale}.sms`, r.sms],
          ];
        }),
      ),
    );
  if (v.product_ids.length) {
    const check = await deps.ports.compliance.checkPromotion({ text: `${text.title}\n${text.body}`, productIds: v.product_ids });
    if (!check.ok)
      throw new AppError(
        'MARKETING_COMPLIANCE',
        { reason: '推广产品须附风险提示' },
        { violations: check.violations, missingRiskWarnings: check.missingRiskWarnings },
      );
  }
  const channels = input.channels?.length ? [...new Set(input.channels)] : t.channels;
  const audience = await audienceSize(deps, input.segment);
  if (audience === 0) throw new AppError('SEGMENT_EMPTY');
  const threshold = await approvalThreshold(deps);
  const now = deps.clock.now();
  const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : now;
  if (Number.isNaN(scheduledAt.getTime())) throw new AppError('VALIDATION_FAILED', {}, { field: 'scheduledAt' });
  const requiresApproval = audience > threshold;
  return transact(deps.db, async (trx) => {
    const row = await repo
      .touch(trx)
      .insertInto('notification_sends')
      .values({
        template_id: t.id,
        template_version: v.version,
        name: input.name,
        segment: JSON.stringify(input.segment),
        variables: JSON.stringify(input.variables),
        channels,
        status: requiresApproval ? 'pending_approval' : 'scheduled',
        scheduled_at: scheduledAt,
        audience_estimate: audience,
        requires_approval: requiresApproval,
        created_by: op.operatorId,
        approved_by: null,
        approved_at: null,
        cursor: null,
        skipped: '{}',
        started_at: null,
        finished_at: null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.send.created',
      target: { type: 'notification_send', id: row.id },
      after: { templateId: t.id, version: v.version, segment: input.segment, channels, audience, requiresApproval, scheduledAt },
      ip,
    });
    if (!requiresApproval) afterCommit(trx, () => deps.kickSend(row.id));
    return presentSend(deps, row);
  });
}

type Transition = 'approve' | 'pause' | 'resume' | 'cancel';
const FROM: Record<Transition, repo.SendStatus[]> = {
  approve: ['pending_approval'],
  pause: ['scheduled', 'running'],
  resume: ['paused'],
  cancel: ['pending_approval', 'scheduled', 'paused'],
};

/** Approval (by another operator), pause, resume and cancel, each audited; a wrong state is 409. */
export async function changeSend(
  deps: TouchDeps,
  op: OperatorPrincipal,
  id: string,
  action: Transition,
  ip: string | null,
): Promise<SendView> {
  return transact(deps.db, async (trx) => {
    const row = await repo.touch(trx).selectFrom('notification_sends').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (!FROM[action].includes(row.status)) throw new AppError('SEND_STATE_CONFLICT', { status: row.status });
    if (action === 'approve' && row.created_by === op.operatorId) throw new AppError('SEND_APPROVER_SAME');
    const now = deps.clock.now();
    const status: repo.SendStatus =
      action === 'approve'
        ? 'scheduled'
        : action === 'pause'
          ? 'paused'
          : action === 'cancel'
            ? 'cancelled'
            : row.started_at
              ? 'running'
              : 'scheduled';
    const updated = await repo
      .touch(trx)
      .updateTable('notification_sends')
      .set({
        status,
        ...(action === 'approve' ? { approved_by: op.operatorId, approved_at: now } : {}),
        ...(action === 'cancel' ? { finished_at: now } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status === 'scheduled' || status === 'running') afterCommit(trx, () => deps.kickSend(id));
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: `touch.send.${action}`,
      target: { type: 'notification_send', id },
      before: { status: row.status },
      after: { status },
      ip,
    });
    return presentSend(deps, updated);
  });
}

export interface RunOptions {
  /** Stop after this many batches (tests, and a pg-boss job's slice of work). */
  maxBatches?: number;
  /** Members per batch (default TOUCH_POLICY.batchSize). */
  batchSize?: number;
  /** Test hook: runs inside a batch's transaction after its rows are written (a crash there rolls the batch back). */
  afterBatchWrite?: (batch: number) => void;
}

/**
 * Runs a due send in batches, each one transaction: lock the send row, read the next page of the
 * segment after the saved cursor, keep only members the promoted products may reach (suitability),
 * write messages and deliveries (in-app lands at once), advance the cursor. A crash rolls back the
 * batch in flight and the next run starts after the last committed cursor; (send, member) is unique,
 * so nobody is told twice. Pausing stops it between batches.
 */
export async function runSend(
  deps: TouchDeps,
  id: string,
  options: RunOptions = {},
): Promise<{ status: repo.SendStatus; batches: number }> {
  let batches = 0;
  for (;;) {
    const outcome = await transact(deps.db, async (trx) => {
      const send = await repo.touch(trx).selectFrom('notification_sends').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!send) throw new AppError('NOT_FOUND');
      const now = deps.clock.now();
      if (!['scheduled', 'running'].includes(send.status) || send.scheduled_at > now)
        return { status: send.status, more: false, wrote: false };
      const tv = await templateVersion(deps, send.template_id, send.template_version);
      const { t, v } = tv!;
      const page = await segmentPage(deps, send.segment, send.cursor, options.batchSize ?? TOUCH_POLICY.batchSize);
      let ids = page.ids;
      const skipped = { ...send.skipped };
      if (v.product_ids.length && ids.length) {
        const text = renderSend(v, send.variables);
        const check = await deps.ports.compliance.checkPromotion(
          { text: `${text.title}\n${text.body}`, productIds: v.product_ids, memberIds: ids },
          trx,
        );
        ids = check.allowedMemberIds ?? [];
        skipped.suitability = (skipped.suitability ?? 0) + (check.skipped ?? 0);
      }
      const english = v.content.en ? await repo.englishReaders(trx, ids) : new Set<string>();
      const texts = { 'zh-CN': renderSend(v, send.variables), en: renderSend(v, send.variables, 'en') };
      const marketing = isMarketingTopic(t.topic);
      const activity = await resolveActivityLink(trx, v.activity_link_id, t.topic);
      const created = await enqueueMessages(
        deps,
        trx,
        ids.map((memberId) => {
          const text = texts[english.has(memberId) ? 'en' : 'zh-CN'];
          return {
            member_id: memberId,
            send_id: send.id,
            dedupe_key: null,
            topic: t.topic,
            marketing,
            template_id: t.id,
            template_version: v.version,
            title: text.title,
            body: text.body,
            link: null,
            activity_label: activity.label,
            activity_link: activity.link,
            sms_text: marketing ? withOptOut(text.sms) : text.sms,
            sms_template_code: v.sms_template_code,
            wechat_template_id: v.wechat_template_id,
            variables: JSON.stringify(send.variables),
            failover_to_in_app: t.failover_to_in_app,
            created_at: now,
          };
        }),
        send.channels as MemberChannel[],
      );
      const done = page.done || !page.last;
      await repo
        .touch(trx)
        .updateTable('notification_sends')
        .set({
          status: done ? 'completed' : 'running',
          cursor: page.last ?? send.cursor,
          batches: sql<number>`batches + 1`,
          targeted: sql<number>`targeted + ${created.size}`,
          skipped: JSON.stringify(skipped),
          started_at: send.started_at ?? now,
          ...(done ? { finished_at: now } : {}),
        })
        .where('id', '=', id)
        .execute();
      options.afterBatchWrite?.(batches + 1);
      return { status: (done ? 'completed' : 'running') as repo.SendStatus, more: !done, wrote: true };
    });
    if (outcome.wrote) batches++;
    if (!outcome.more || (options.maxBatches !== undefined && batches >= options.maxBatches)) return { status: outcome.status, batches };
  }
}

/** Sends whose time has come (or that a crash left running): the worker runs each. */
export async function dueSends(deps: TouchDeps, now: Date): Promise<string[]> {
  const rows = await repo
    .touch(deps.db)
    .selectFrom('notification_sends')
    .select('id')
    .where('status', 'in', ['scheduled', 'running'])
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .limit(20)
    .execute();
  return rows.map((r) => r.id);
}

export async function presentSend(deps: TouchDeps, row: repo.Send): Promise<SendView> {
  const counts = await repo
    .touch(deps.db)
    .selectFrom('notification_deliveries')
    .select(['channel', 'status', sql<number>`COUNT(*)::int`.as('n')])
    .where('send_id', '=', row.id)
    .groupBy(['channel', 'status'])
    .execute();
  const results: Record<string, Record<string, number>> = {};
  for (const c of counts) (results[c.channel] ??= {})[c.status] = c.n;
  return {
    id: row.id,
    name: row.name,
    templateId: row.template_id,
    templateVersion: row.template_version,
    status: row.status,
    channels: row.channels,
    segment: row.segment,
    scheduledAt: row.scheduled_at.toISOString(),
    audienceEstimate: row.audience_estimate,
    requiresApproval: row.requires_approval,
    createdBy: row.created_by,
    approvedBy: row.approved_by,
    targeted: row.targeted,
    skipped: row.skipped,
    results,
    compliance: { ok: true, skippedBySuitability: row.skipped.suitability ?? 0 },
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export async function getSend(deps: TouchDeps, id: string): Promise<SendView> {
  const row = await repo.touch(deps.db).selectFrom('notification_sends').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return presentSend(deps, row);
}

export async function listSends(deps: TouchDeps, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    repo
      .touch(deps.db)
      .selectFrom('notification_sends')
      .selectAll()
      .orderBy('created_at', 'desc')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .execute(),
    repo
      .touch(deps.db)
      .selectFrom('notification_sends')
      .select(sql<number>`COUNT(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await Promise.all(rows.map((r) => presentSend(deps, r))), total: total.n, page, pageSize };
}
