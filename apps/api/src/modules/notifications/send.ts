import { isMarketingTopic, type MemberChannel, type TouchTopic } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { checkMarketingText, type ComplianceViolation } from '../compliance/index.js';
import type { TouchDeps } from './deps.js';
import { enqueueMessages, type DeliveryOutcome } from './enqueue.js';
import * as repo from './repo.js';
import { withOptOut } from './touch-policy.js';

/** One message to one member, on one or more channels: the single send path of the touch layer. */
export interface SendInput {
  memberId: string;
  /** Marketing topics honour preferences, quiet hours and the cap; transactional ones (account, money, security, moderation) always go. */
  topic: TouchTopic;
  title: string;
  body: string;
  /** An app path ("/holdings/…"). */
  link?: string | null | undefined;
  /** Defaults to `['in_app']`. */
  channels?: readonly MemberChannel[] | undefined;
  /** The SMS text (defaults to the body); marketing SMS get 回T退订 appended. */
  smsText?: string | null | undefined;
  /** Transactional only: one link from the approved activity list (招行-style). */
  activityLinkId?: string | null | undefined;
  /** Products the message promotes: their risk warnings must be in the text, and the member's suitability must cover them. */
  productIds?: readonly string[] | undefined;
  /** Makes the send once-only (e.g. the outbox event id): a repeat changes nothing. */
  dedupeKey?: string | null | undefined;
  /** When SMS fails for good, put the message in the inbox instead. */
  failoverToInApp?: boolean | undefined;
  smsTemplateCode?: string | null | undefined;
  wechatTemplateId?: string | null | undefined;
  variables?: Record<string, string> | undefined;
  /** Set by operator sends and templates. */
  sendId?: string | null | undefined;
  templateId?: string | null | undefined;
  templateVersion?: number | null | undefined;
}

export type SendResult =
  | { sent: true; messageId: string; deliveries: DeliveryOutcome[] }
  | { sent: false; reason: 'duplicate' | 'suitability'; deliveries: DeliveryOutcome[] };

/** Throws MARKETING_COMPLIANCE with the offending words (and where they are) when marketing text promises returns. */
export function assertCompliantText(texts: Record<string, string | null | undefined>): void {
  const found: Array<ComplianceViolation & { field: string }> = [];
  for (const [field, text] of Object.entries(texts)) {
    if (text) for (const v of checkMarketingText(text).violations) found.push({ ...v, field });
  }
  if (found.length)
    throw new AppError(
      'MARKETING_COMPLIANCE',
      { reason: `含有承诺收益的用语：${[...new Set(found.map((f) => f.word))].join('、')}` },
      { violations: found },
    );
}

export async function resolveActivityLink(trx: Tx, id: string | null | undefined, topic: TouchTopic) {
  if (!id) return { label: null, link: null };
  if (isMarketingTopic(topic)) throw new AppError('ACTIVITY_LINK_NOT_APPROVED');
  const row = await repo
    .touch(trx)
    .selectFrom('notification_activity_links')
    .selectAll()
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) throw new AppError('ACTIVITY_LINK_NOT_APPROVED');
  return { label: row.label, link: row.link };
}

/**
 * Sends one message to one member — inside the caller's transaction when one is passed, so the
 * message and its deliveries commit with the business change (the delivery worker makes the
 * outside calls after commit, durably). Marketing text is checked for compliance first; a promoted
 * product must carry its risk warning and is never sent to a member whose suitability does not
 * cover it. The in-app copy lands in the same transaction; other channels are queued.
 */
export async function send(deps: TouchDeps, trx: Tx | undefined, input: SendInput): Promise<SendResult> {
  if (!trx) return transact(deps.db, (own) => send(deps, own, input));
  const marketing = isMarketingTopic(input.topic);
  const smsText = input.smsText ?? input.body;
  if (marketing) assertCompliantText({ title: input.title, body: input.body, sms: input.smsText });
  const channels = input.channels?.length ? [...new Set(input.channels)] : (['in_app'] as MemberChannel[]);
  if (input.productIds?.length) {
    const check = await deps.ports.compliance.checkPromotion(
      { text: `${input.title}\n${input.body}`, productIds: input.productIds, memberIds: [input.memberId] },
      trx,
    );
    if (!check.ok)
      throw new AppError(
        'MARKETING_COMPLIANCE',
        { reason: check.violations.length ? '含有承诺收益的用语' : '推广产品须附风险提示' },
        { violations: check.violations, missingRiskWarnings: check.missingRiskWarnings, unknownProductIds: check.unknownProductIds },
      );
    if (check.skipped)
      return {
        sent: false,
        reason: 'suitability',
        deliveries: channels.map((channel) => ({ channel, status: 'skipped', reason: 'suitability' })),
      };
  }
  const activity = await resolveActivityLink(trx, input.activityLinkId, input.topic);
  const out = await enqueueMessages(
    deps,
    trx,
    [
      {
        member_id: input.memberId,
        send_id: input.sendId ?? null,
        dedupe_key: input.dedupeKey ?? null,
        topic: input.topic,
        marketing,
        template_id: input.templateId ?? null,
        template_version: input.templateVersion ?? null,
        title: input.title.slice(0, 200),
        body: input.body.slice(0, 2000),
        link: input.link?.startsWith('/') ? input.link : null,
        activity_label: activity.label,
        activity_link: activity.link,
        sms_text: marketing ? withOptOut(smsText) : smsText,
        sms_template_code: input.smsTemplateCode ?? null,
        wechat_template_id: input.wechatTemplateId ?? null,
        variables: JSON.stringify(input.variables ?? {}),
        failover_to_in_app: input.failoverToInApp ?? false,
        created_at: deps.clock.now(),
      },
    ],
    channels,
  );
  const mine = out.get(input.memberId);
  if (!mine) return { sent: false, reason: 'duplicate', deliveries: [] };
  return { sent: true, messageId: mine.messageId, deliveries: mine.outcomes };
}
