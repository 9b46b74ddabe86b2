import { isMarketingTopic, type MemberChannel, type TouchTopic } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/connect.js';
import { afterCommit } from '../../platform/db/transact.js';
import type { TouchDeps } from './deps.js';
import * as repo from './repo.js';
import { inboxKind, inQuietHours, quietHoursEnd, SETTING_KEYS, shanghaiMinutes, TOUCH_POLICY } from './touch-policy.js';

export type DeliveryOutcome = { channel: MemberChannel; status: 'delivered' | 'queued' | 'deferred' | 'skipped'; reason: string | null };

/** Per member: the settings the checks need, read once for a batch. */
export interface Audience {
  optedOut: Set<string>; // `${memberId}:${channel}` switched off for the topic
  quiet: Map<string, { start: number; end: number }>;
  bound: Map<MemberChannel, Set<string>>;
}

export async function loadAudience(
  trx: Tx,
  memberIds: readonly string[],
  topic: TouchTopic,
  channels: readonly MemberChannel[],
): Promise<Audience> {
  const marketing = isMarketingTopic(topic);
  const [prefs, settings, binds, subs] = await Promise.all([
    marketing ? repo.topicPreferences(trx, memberIds, topic) : Promise.resolve([]),
    marketing ? repo.memberSettings(trx, memberIds) : Promise.resolve([]),
    channels.some((c) => c === 'email' || c === 'wechat') ? repo.bindings(trx, memberIds) : Promise.resolve([]),
    channels.includes('push') ? repo.boundAmong(trx, 'push', memberIds) : Promise.resolve([]),
  ]);
  const bound = new Map<MemberChannel, Set<string>>([
    ['email', new Set(binds.filter((b) => b.channel === 'email').map((b) => b.member_id))],
    ['wechat', new Set(binds.filter((b) => b.channel === 'wechat').map((b) => b.member_id))],
    ['push', new Set(subs)],
  ]);
  return {
    optedOut: new Set(prefs.filter((p) => !p.enabled).map((p) => `${p.member_id}:${p.channel}`)),
    quiet: new Map(settings.map((s) => [s.member_id, { start: s.quiet_start, end: s.quiet_end }])),
    bound,
  };
}

export const dailyCap = async (trx: Tx) => (await repo.setting<number>(trx, SETTING_KEYS.dailyCap)) ?? TOUCH_POLICY.dailyCap;

/** The member's quiet window (default 22:00–08:00), or null when they turned it off. */
export const quietOf = (audience: Audience, memberId: string) =>
  audience.quiet.get(memberId) ?? { start: TOUCH_POLICY.quietStart, end: TOUCH_POLICY.quietEnd };

/**
 * The heart of the one send path: writes messages and their deliveries in the caller's transaction.
 * Per member and channel, in this order: a marketing topic the member switched off on that channel
 * is skipped (`opted_out`); a channel they have not bound is skipped (`not_bound`); marketing inside
 * their quiet hours is deferred to the window's end (never dropped); in-app is delivered right here
 * (an inbox row, no outside call) after taking one touch of the daily cap (`frequency_cap` if none
 * is left); every other channel is queued for the delivery worker, which takes its touch when it
 * sends. Transactional topics skip preferences, quiet hours and the cap. Returns, per created
 * message, what happened on each channel; a message that already existed (same send and member,
 * or same dedupe key) is left alone.
 */
export async function enqueueMessages(
  deps: TouchDeps,
  trx: Tx,
  rows: readonly repo.NewMessage[],
  channels: readonly MemberChannel[],
): Promise<Map<string, { messageId: string; outcomes: DeliveryOutcome[] }>> {
  const result = new Map<string, { messageId: string; outcomes: DeliveryOutcome[] }>();
  if (!rows.length) return result;
  const now = deps.clock.now();
  const created = await repo.insertMessages(trx, rows);
  if (!created.length) return result;
  const byMember = new Map(rows.map((r) => [r.member_id ?? '', r]));
  const topic = rows[0]!.topic;
  const marketing = isMarketingTopic(topic);
  const memberIds = created.map((c) => c.member_id!).filter(Boolean);
  const audience = await loadAudience(trx, memberIds, topic, channels);
  const minutes = shanghaiMinutes(now);
  const deliveries: repo.NewDelivery[] = [];
  const inboxNow: Array<{ messageId: string; memberId: string; row: repo.NewMessage }> = [];
  const base = {
    send_id: rows[0]!.send_id,
    created_at: now,
    updated_at: now,
    provider: null,
    failover_of: null,
    robot_id: null,
    delivered_at: null,
  };
  for (const c of created) {
    const memberId = c.member_id!;
    const row = byMember.get(memberId)!;
    const outcomes: DeliveryOutcome[] = [];
    const quiet = quietOf(audience, memberId);
    for (const channel of channels) {
      let status: DeliveryOutcome['status'] = 'queued';
      let reason: string | null = null;
      let at = now;
      if (marketing && audience.optedOut.has(`${memberId}:${channel}`)) [status, reason] = ['skipped', 'opted_out'];
      else if (channel !== 'in_app' && channel !== 'sms' && !audience.bound.get(channel)?.has(memberId))
        [status, reason] = ['skipped', 'not_bound'];
      else if (marketing && inQuietHours(minutes, quiet.start, quiet.end)) {
        status = 'deferred';
        reason = 'quiet_hours';
        at = quietHoursEnd(now, quiet.end);
      } else if (channel === 'in_app') {
        inboxNow.push({ messageId: c.id, memberId, row });
        continue; // decided below, after the cap
      }
      outcomes.push({ channel, status, reason });
      deliveries.push({ ...base, message_id: c.id, member_id: memberId, channel, status, reason, next_attempt_at: at });
    }
    result.set(memberId, { messageId: c.id, outcomes });
  }
  if (inboxNow.length) {
    const allowed = marketing
      ? await repo.takeCap(
          trx,
          inboxNow.map((i) => i.memberId),
          shanghaiDay(now),
          await dailyCap(trx),
        )
      : new Set(inboxNow.map((i) => i.memberId));
    const delivered = inboxNow.filter((i) => allowed.has(i.memberId));
    for (const i of inboxNow) {
      const ok = allowed.has(i.memberId);
      result
        .get(i.memberId)!
        .outcomes.unshift({ channel: 'in_app', status: ok ? 'delivered' : 'skipped', reason: ok ? null : 'frequency_cap' });
      deliveries.push({
        ...base,
        message_id: i.messageId,
        member_id: i.memberId,
        channel: 'in_app',
        status: ok ? 'delivered' : 'skipped',
        reason: ok ? null : 'frequency_cap',
        next_attempt_at: now,
        delivered_at: ok ? now : null,
        provider: ok ? 'inbox' : null,
      });
    }
    await writeInbox(
      deps,
      trx,
      delivered.map((i) => ({ messageId: i.messageId, memberId: i.memberId, row: i.row })),
    );
  }
  await repo.insertDeliveries(trx, deliveries);
  if (deliveries.some((d) => d.status === 'queued')) afterCommit(trx, () => deps.wake());
  return result;
}

/** Inbox rows for delivered in-app messages (source `message:<id>`: a message lands once), and the devices hear of it after commit. */
export async function writeInbox(
  deps: Pick<TouchDeps, 'outbox'>,
  trx: Tx,
  items: ReadonlyArray<{
    messageId: string;
    memberId: string;
    row: Pick<repo.NewMessage, 'topic' | 'title' | 'body' | 'link' | 'activity_label' | 'activity_link' | 'created_at'>;
  }>,
): Promise<void> {
  if (!items.length) return;
  const inserted = await repo.insertNotifications(
    trx,
    items.map((i) => ({
      member_id: i.memberId,
      kind: inboxKind(i.row.topic),
      title: i.row.title.slice(0, 200),
      body: i.row.body.slice(0, 2000),
      link: i.row.link?.startsWith('/') ? i.row.link : null,
      source_event_id: `message:${i.messageId}`,
      created_at: i.row.created_at,
      activity_label: i.row.activity_label,
      activity_link: i.row.activity_link,
    })),
  );
  if (inserted.length === 1) {
    const [n] = inserted;
    await deps.outbox.emit(trx, 'notification.created', {
      memberId: n!.member_id,
      notificationId: n!.id,
      kind: inboxKind(items[0]!.row.topic),
    });
  } else if (inserted.length > 1) {
    // One event for a batch: the subscriber tells each member's devices.
    await deps.outbox.emit(trx, 'notification.created_many', {
      kind: inboxKind(items[0]!.row.topic),
      items: inserted.map((n) => [n.member_id, n.id]),
    });
  }
}
