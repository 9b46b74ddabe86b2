import type { DomainEvent } from '../../platform/events/outbox.js';
import type { TouchDeps } from './deps.js';
import { send } from './send.js';

/** Identity's security events that reach the member on every device (in-app, push) and by SMS. */
export const SECURITY_EVENTS = ['member.password_reset', 'member.payment_password_reset'] as const;

/** 2026-12-06 08:30 (Asia/Shanghai; China has no daylight saving). */
const shanghaiMinute = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The security notice for one event, or null. */
export function securityNotice(event: DomainEvent): { title: string; body: string; link: string } | null {
  const at = typeof event.payload.at === 'string' ? shanghaiMinute(new Date(event.payload.at)) : '刚刚';
  switch (event.name) {
    case 'member.password_reset':
      return {
        title: '登录密码已重置',
        body: `你的登录密码已于 ${at} 通过短信验证重置，所有设备已退出登录。如非本人操作，请立即联系客服冻结账户。`,
        link: '/me/devices',
      };
    case 'member.payment_password_reset':
      return {
        title: '支付密码已重置',
        body: `你的支付密码已于 ${at} 通过身份核验重置。如非本人操作，请立即联系客服冻结账户。`,
        link: '/me',
      };
    default:
      return null;
  }
}

/**
 * Sends the notice through the one send path, topic `security` (transactional: always goes), keyed
 * by the event id so a redelivered event sends nothing twice.
 */
export async function feedSecurityEvent(deps: TouchDeps, event: DomainEvent): Promise<void> {
  const memberId = typeof event.payload.memberId === 'string' ? event.payload.memberId : undefined;
  const notice = securityNotice(event);
  if (!memberId || !notice) return;
  await send(deps, undefined, {
    memberId,
    topic: 'security',
    ...notice,
    smsText: `【圈子】${notice.title}。如非本人操作，请立即联系客服。`,
    channels: ['in_app', 'push', 'sms'],
    dedupeKey: `security:${event.id}`,
  });
}
