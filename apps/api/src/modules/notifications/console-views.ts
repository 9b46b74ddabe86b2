import type { DeliveryChannel, DeliveryStatus, DeliveryView } from '@quanzi/contracts';
import { sql } from 'kysely';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { actor } from './touch-policy.js';
import type { TouchDeps } from './deps.js';
import * as repo from './repo.js';
import { SETTING_KEYS, TOUCH_POLICY } from './touch-policy.js';
import { assertPublicWebhook } from './webhook-url.js';

/** The delivery log, newest first, a keyset page at a time (`before` = the previous page's last seq). */
export async function listDeliveries(
  deps: TouchDeps,
  q: {
    sendId?: string | undefined;
    memberId?: string | undefined;
    channel?: DeliveryChannel | undefined;
    status?: DeliveryStatus | undefined;
    before?: string | undefined;
    limit: number;
  },
): Promise<{ items: DeliveryView[]; nextBefore: string | null }> {
  let query = repo
    .touch(deps.db)
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_messages as m', 'm.id', 'd.message_id')
    .selectAll('d')
    .select('m.title');
  if (q.sendId) query = query.where('d.send_id', '=', q.sendId);
  if (q.memberId) query = query.where('d.member_id', '=', q.memberId);
  if (q.channel) query = query.where('d.channel', '=', q.channel);
  if (q.status) query = query.where('d.status', '=', q.status);
  if (q.before) query = query.where('d.seq', '<', BigInt(q.before));
  const rows = await query
    .orderBy('d.seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((d) => ({
      id: d.id,
      messageId: d.message_id,
      sendId: d.send_id,
      memberId: d.member_id,
      channel: d.channel,
      status: d.status,
      reason: d.reason,
      attempts: d.attempts,
      provider: d.provider,
      providerCode: d.provider_code,
      title: d.title,
      createdAt: d.created_at.toISOString(),
      updatedAt: d.updated_at.toISOString(),
      nextAttemptAt: d.next_attempt_at.toISOString(),
    })),
    nextBefore: rows.length > q.limit ? String(page.at(-1)!.seq) : null,
  };
}

export async function mailOutbox(deps: TouchDeps, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    repo
      .touch(deps.db)
      .selectFrom('notification_mail_outbox')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .execute(),
    repo
      .touch(deps.db)
      .selectFrom('notification_mail_outbox')
      .select(sql<number>`COUNT(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, to: r.to_mask, subject: r.subject, raw: r.raw, createdAt: r.created_at.toISOString() })),
    total: total.n,
    page,
    pageSize,
  };
}

export async function touchSettings(deps: TouchDeps) {
  return {
    dailyCap: (await repo.setting<number>(deps.db, SETTING_KEYS.dailyCap)) ?? TOUCH_POLICY.dailyCap,
    approvalThreshold: (await repo.setting<number>(deps.db, SETTING_KEYS.approvalThreshold)) ?? TOUCH_POLICY.approvalThreshold,
  };
}

export async function putTouchSettings(
  deps: TouchDeps,
  op: OperatorPrincipal,
  input: { dailyCap?: number | undefined; approvalThreshold?: number | undefined },
  ip: string | null,
) {
  const before = await touchSettings(deps);
  await transact(deps.db, async (trx) => {
    const now = deps.clock.now();
    if (input.dailyCap !== undefined) await repo.putSetting(trx, SETTING_KEYS.dailyCap, input.dailyCap, now);
    if (input.approvalThreshold !== undefined) await repo.putSetting(trx, SETTING_KEYS.approvalThreshold, input.approvalThreshold, now);
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.settings.updated',
      target: { type: 'touch_settings', id: 'global' },
      before,
      after: input,
      ip,
    });
  });
  return touchSettings(deps);
}

export async function activityLinks(deps: TouchDeps) {
  return (
    await repo
      .touch(deps.db)
      .selectFrom('notification_activity_links')
      .selectAll()
      .where('active', '=', true)
      .orderBy('created_at', 'desc')
      .execute()
  ).map((r) => ({ id: r.id, label: r.label, link: r.link, createdAt: r.created_at.toISOString() }));
}

export async function createActivityLink(
  deps: TouchDeps,
  op: OperatorPrincipal,
  input: { label: string; link: string },
  ip: string | null,
) {
  if (!input.link.startsWith('/') || input.link.startsWith('//'))
    throw new AppError('VALIDATION_FAILED', {}, { field: 'link', reason: 'an app path starting with /' });
  return transact(deps.db, async (trx) => {
    const row = await repo
      .touch(trx)
      .insertInto('notification_activity_links')
      .values({ label: input.label, link: input.link, created_by: op.operatorId, created_at: deps.clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.activity_link.approved',
      target: { type: 'activity_link', id: row.id },
      after: input,
      ip,
    });
    return { id: row.id, label: row.label, link: row.link, createdAt: row.created_at.toISOString() };
  });
}

export async function createRobot(deps: TouchDeps, op: OperatorPrincipal, input: { name: string; webhookUrl: string }, ip: string | null) {
  const url = await assertPublicWebhook(input.webhookUrl, `${deps.origin()}/sandbox/wechat`);
  return transact(deps.db, async (trx) => {
    const row = await repo
      .touch(trx)
      .insertInto('notification_wecom_robots')
      .values({
        name: input.name,
        webhook_enc: deps.vault.encrypt(input.webhookUrl),
        webhook_mask: `${url.origin}${url.pathname}?key=****`,
        created_by: op.operatorId,
        created_at: deps.clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.wecom_robot.created',
      target: { type: 'wecom_robot', id: row.id },
      after: { name: input.name, webhook: row.webhook_mask },
      ip,
    });
    return { id: row.id, name: row.name, webhook: row.webhook_mask, createdAt: row.created_at.toISOString() };
  });
}

export async function robots(deps: TouchDeps) {
  return (
    await repo
      .touch(deps.db)
      .selectFrom('notification_wecom_robots')
      .selectAll()
      .where('retired_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute()
  ).map((r) => ({
    id: r.id,
    name: r.name,
    webhook: r.webhook_mask,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Posts one text to a 企业微信 group robot: a message with one `wecom` delivery, sent by the worker. */
export async function postToRobot(
  deps: TouchDeps,
  op: OperatorPrincipal,
  robotId: string,
  input: { title: string; body: string },
  ip: string | null,
) {
  return transact(deps.db, async (trx) => {
    const robot = await repo
      .touch(trx)
      .selectFrom('notification_wecom_robots')
      .select('id')
      .where('id', '=', robotId)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (!robot) throw new AppError('NOT_FOUND');
    const now = deps.clock.now();
    const [m] = await repo.insertMessages(trx, [
      {
        member_id: null,
        send_id: null,
        dedupe_key: null,
        topic: 'group_digests',
        marketing: false,
        template_id: null,
        template_version: null,
        title: input.title,
        body: input.body,
        link: null,
        activity_label: null,
        activity_link: null,
        sms_text: null,
        sms_template_code: null,
        wechat_template_id: null,
        variables: '{}',
        failover_to_in_app: false,
        created_at: now,
      },
    ]);
    const [d] = await repo.insertDeliveries(trx, [
      {
        message_id: m!.id,
        member_id: null,
        send_id: null,
        channel: 'wecom',
        status: 'queued',
        reason: null,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
        delivered_at: null,
        provider: null,
        failover_of: null,
        robot_id: robotId,
      },
    ]);
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.wecom_robot.posted',
      target: { type: 'wecom_robot', id: robotId },
      after: input,
      ip,
    });
    afterCommit(trx, () => deps.wake());
    return { deliveryId: d!.id };
  });
}

/**
 * Retires an approved activity link: templates and notices can no longer carry it (sends resolve
 * links when they run, so a running send stops attaching it); messages already sent keep theirs.
 */
export async function retireActivityLink(deps: TouchDeps, op: OperatorPrincipal, id: string, ip: string | null) {
  await transact(deps.db, async (trx) => {
    const now = deps.clock.now();
    const row = await repo
      .touch(trx)
      .updateTable('notification_activity_links')
      .set({ active: false, retired_at: now })
      .where('id', '=', id)
      .where('active', '=', true)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.activity_link.retired',
      target: { type: 'activity_link', id },
      before: { label: row.label, link: row.link },
      ip,
    });
  });
}

/** Retires a 企业微信 robot: no new posts, and queued posts to it fail (the webhook is no longer used). */
export async function retireRobot(deps: TouchDeps, op: OperatorPrincipal, id: string, ip: string | null) {
  await transact(deps.db, async (trx) => {
    const row = await repo
      .touch(trx)
      .updateTable('notification_wecom_robots')
      .set({ retired_at: deps.clock.now() })
      .where('id', '=', id)
      .where('retired_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.wecom_robot.retired',
      target: { type: 'wecom_robot', id },
      before: { name: row.name, webhook: row.webhook_mask },
      ip,
    });
  });
}
