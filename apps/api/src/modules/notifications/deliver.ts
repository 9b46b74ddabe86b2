import { isMarketingTopic, type MarketingTopic, type MemberChannel } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { ChannelFailure, type Outgoing } from './channels/types.js';
import type { TouchDeps } from './deps.js';
import { dailyCap, loadAudience, quietOf, writeInbox } from './enqueue.js';
import * as repo from './repo.js';
import { inQuietHours, quietHoursEnd, retryDelayMs, shanghaiMinutes, TOPIC_LABELS, TOUCH_POLICY, withOptOut } from './touch-policy.js';
import { unsubscribeToken } from './unsubscribe.js';
import { assertPublicWebhook } from './webhook-url.js';

type Claimed = repo.Delivery;

/**
 * The delivery worker: claims due deliveries (SKIP LOCKED, with a lease so a worker killed mid-call
 * is taken over), makes the outside call, and records the outcome. The provider gets the delivery
 * id (Aliyun OutId, Message-ID, WeChat client_msg_id, the sandboxes' keys), so a delivery retried
 * after a crash between the call and the commit is recognised where the provider deduplicates.
 * Marketing is checked again when it goes out — preference, quiet hours, then one touch of the
 * daily cap — and a member's deferred messages of one topic on one channel are folded into one digest.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private draining: Promise<unknown> | undefined;
  private again = false;

  constructor(private readonly deps: TouchDeps) {}

  start(pollMs = 2_000): void {
    this.running = true;
    const tick = () => {
      this.wake();
      this.timer = setTimeout(tick, pollMs);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.draining;
  }

  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((err: unknown) => this.deps.logger.error({ err }, 'notification delivery failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Delivers until nothing is due; returns how many deliveries were handled. Tests call it directly. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      total += n;
      if (n < TOUCH_POLICY.claimBatch) return total;
    }
  }

  async runOnce(): Promise<number> {
    const { deps } = this;
    const now = deps.clock.now();
    const claimed = await repo.claimDue(deps.db, now, TOUCH_POLICY.leaseMs, TOUCH_POLICY.claimBatch);
    if (!claimed.length) return 0;
    const messages = new Map((await repo.messagesByIds(deps.db, [...new Set(claimed.map((d) => d.message_id))])).map((m) => [m.id, m]));
    // A member's marketing on one channel and topic, due together, becomes one digest.
    const groups = new Map<string, Claimed[]>();
    for (const d of claimed) {
      const m = messages.get(d.message_id)!;
      const key = m.marketing && d.member_id ? `${d.member_id}:${d.channel}:${m.topic}` : d.id;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    for (const group of groups.values()) {
      try {
        await this.handle(group, messages);
      } catch (err) {
        deps.logger.error({ err, delivery: group[0]!.id }, 'delivery step failed; it will be retried when its lease ends');
      }
    }
    return claimed.length;
  }

  private async handle(group: Claimed[], messages: Map<string, repo.Message>): Promise<void> {
    const { deps } = this;
    const now = deps.clock.now();
    const [lead, ...rest] = group;
    const d = lead!;
    const msg = messages.get(d.message_id)!;
    const marketing = isMarketingTopic(msg.topic);
    const finish = (patch: Parameters<typeof repo.finishDelivery>[2], ids = group.map((g) => g.id)) =>
      Promise.all(ids.map((id) => repo.finishDelivery(deps.db, id, patch)));

    if (marketing && d.member_id) {
      const audience = await transact(deps.db, (trx) => loadAudience(trx, [d.member_id!], msg.topic, [d.channel as MemberChannel]));
      if (audience.optedOut.has(`${d.member_id}:${d.channel}`))
        return void (await finish({ status: 'skipped', reason: 'opted_out', updated_at: now }));
      const quiet = quietOf(audience, d.member_id);
      if (inQuietHours(shanghaiMinutes(now), quiet.start, quiet.end))
        return void (await finish({
          status: 'deferred',
          reason: 'quiet_hours',
          next_attempt_at: quietHoursEnd(now, quiet.end),
          updated_at: now,
        }));
    }
    const digest = rest.length
      ? digestOf(
          msg,
          [d, ...rest].map((g) => messages.get(g.message_id)!),
        )
      : null;
    const content = digest ?? { title: msg.title, body: msg.body, smsText: msg.sms_text ?? msg.body };
    const day = shanghaiDay(now);

    if (d.channel === 'in_app') {
      const ok = await transact(deps.db, async (trx) => {
        if (marketing && d.member_id && !(await repo.takeCap(trx, [d.member_id], day, await dailyCap(trx))).has(d.member_id)) return false;
        await writeInbox(deps, trx, [{ messageId: d.message_id, memberId: d.member_id!, row: { ...msg, ...content } }]);
        return true;
      });
      if (!ok) return void (await finish({ status: 'skipped', reason: 'frequency_cap', updated_at: now }));
      await finish({ status: 'delivered', provider: 'inbox', delivered_at: now, updated_at: now }, [d.id]);
      if (rest.length)
        await finish(
          { status: 'delivered', reason: 'folded', folded_into: d.id, delivered_at: now, updated_at: now },
          rest.map((r) => r.id),
        );
      return;
    }

    const channel = deps.channels.get(d.channel);
    if (!channel)
      return void (await finish({ status: 'failed', reason: 'channel_unavailable', provider_code: 'NO_CHANNEL', updated_at: now }));
    if (marketing && d.member_id) {
      const got = await transact(deps.db, async (trx) => repo.takeCap(trx, [d.member_id!], day, await dailyCap(trx)));
      if (!got.has(d.member_id)) return void (await finish({ status: 'skipped', reason: 'frequency_cap', updated_at: now }));
    }
    try {
      const out: Outgoing = {
        deliveryId: d.id,
        memberId: d.member_id,
        topic: msg.topic,
        marketing,
        title: content.title,
        body: content.body,
        link: msg.link,
        smsText: marketing ? withOptOut(content.smsText) : content.smsText,
        smsTemplateCode: msg.sms_template_code,
        wechatTemplateId: msg.wechat_template_id,
        variables: msg.variables ?? {},
        to: await this.addressOf(d),
        unsubscribeUrl:
          marketing && d.member_id
            ? `${deps.origin()}/api/v1/unsubscribe/${unsubscribeToken(deps.vault, { m: d.member_id, t: msg.topic as MarketingTopic, c: d.channel as MemberChannel })}`
            : null,
      };
      const result = await channel.deliver(out);
      const at = deps.clock.now();
      const done = {
        status: result.status,
        provider: result.provider,
        provider_id: result.providerId,
        sent_at: at,
        updated_at: at,
        error: null,
        provider_code: null,
      };
      await finish({ ...done, ...(result.status === 'delivered' ? { delivered_at: at } : {}) }, [d.id]);
      if (rest.length)
        await finish(
          { ...done, reason: 'folded', folded_into: d.id },
          rest.map((r) => r.id),
        );
    } catch (err) {
      const f = err instanceof ChannelFailure ? err : new ChannelFailure('INTERNAL', true, (err as Error).message);
      const at = deps.clock.now();
      // Nothing reached the member: the touch goes back to the cap.
      if (marketing && d.member_id) await repo.returnCap(deps.db, d.member_id, day);
      if (f.transient && d.attempts < TOUCH_POLICY.maxAttempts) {
        await finish({
          status: 'queued',
          reason: 'retry',
          provider_code: f.code,
          error: f.message.slice(0, 300),
          next_attempt_at: new Date(at.getTime() + retryDelayMs(d.attempts)),
          updated_at: at,
        });
        return;
      }
      await finish({
        status: 'failed',
        reason: f.transient ? 'gave_up' : 'refused',
        provider_code: f.code,
        error: f.message.slice(0, 300),
        updated_at: at,
      });
      if (d.channel === 'sms' && msg.failover_to_in_app && d.member_id) await this.failover(d, msg);
    }
  }

  /** SMS failed for good and the template says so: the message goes to the inbox instead (once). */
  private async failover(d: Claimed, msg: repo.Message): Promise<void> {
    const now = this.deps.clock.now();
    await transact(this.deps.db, async (trx) => {
      const exists = await repo
        .touch(trx)
        .selectFrom('notification_deliveries')
        .select('id')
        .where('message_id', '=', msg.id)
        .where('channel', '=', 'in_app')
        .executeTakeFirst();
      if (exists) return;
      await writeInbox(this.deps, trx, [{ messageId: msg.id, memberId: d.member_id!, row: msg }]);
      await repo.insertDeliveries(trx, [
        {
          message_id: msg.id,
          member_id: d.member_id,
          send_id: d.send_id,
          channel: 'in_app',
          status: 'delivered',
          reason: 'failover',
          next_attempt_at: now,
          created_at: now,
          updated_at: now,
          delivered_at: now,
          provider: 'inbox',
          failover_of: d.id,
          robot_id: null,
        },
      ]);
    });
  }

  private async addressOf(d: Claimed): Promise<string | null> {
    const { deps } = this;
    if (d.channel === 'sms') return d.member_id ? ((await deps.ports.identity.phonesOf([d.member_id])).get(d.member_id) ?? null) : null;
    if (d.channel === 'email' || d.channel === 'wechat') {
      const [b] = (await repo.bindings(deps.db, [d.member_id!])).filter((x) => x.channel === d.channel);
      return b ? deps.vault.decrypt(b.address_enc) : null;
    }
    if (d.channel === 'wecom' && d.robot_id) {
      const robot = await repo
        .touch(deps.db)
        .selectFrom('notification_wecom_robots')
        .select('webhook_enc')
        .where('id', '=', d.robot_id)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      if (!robot) return null;
      const webhook = deps.vault.decrypt(robot.webhook_enc);
      // Checked again now: a name that resolved publicly when the robot was added may point inside since.
      try {
        await assertPublicWebhook(webhook, `${deps.origin()}/sandbox/wechat`);
      } catch {
        throw new ChannelFailure('WEBHOOK_PRIVATE_ADDRESS', false);
      }
      return webhook;
    }
    return null;
  }
}

/** Several messages of one busy topic, folded into one. */
function digestOf(lead: repo.Message, all: repo.Message[]) {
  const label = TOPIC_LABELS[lead.topic];
  const titles = all.map((m) => m.title);
  const body = titles.join('；').slice(0, 480);
  return {
    title: `「${label}」${all.length} 条新消息`,
    body,
    smsText: `${label}：${titles.length} 条新消息，${titles[0]!.slice(0, 30)}等，打开圈子查看`,
  };
}
