import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/connect.js';
import type { PiiVault } from '../../../platform/security/pii.js';
import { touch } from '../repo.js';
import { ChannelFailure, type ExternalChannel, type Outgoing } from './types.js';

export const maskEmail = (email: string): string => {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The message nodemailer sends: text and HTML, our Message-ID, and RFC 8058 one-click unsubscribe for marketing. */
export function mailOptions(m: Outgoing, from: string, origin: string): SendMailOptions {
  const link = m.link ? `${origin}${m.link}` : null;
  const footer = m.unsubscribeUrl ? `\n\n不想再收到此类邮件？退订：${m.unsubscribeUrl}` : '';
  return {
    from,
    to: m.to!,
    subject: m.title,
    messageId: `<${m.deliveryId}@quanzi.local>`,
    text: `${m.body}${link ? `\n\n${link}` : ''}${footer}`,
    html:
      `<p>${escapeHtml(m.body).replace(/\n/g, '<br>')}</p>` +
      (link ? `<p><a href="${escapeHtml(link)}">查看详情</a></p>` : '') +
      (m.unsubscribeUrl ? `<p style="color:#888;font-size:12px"><a href="${escapeHtml(m.unsubscribeUrl)}">退订此类邮件</a></p>` : ''),
    headers: m.unsubscribeUrl ? { 'List-Unsubscribe': `<${m.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
  };
}

/**
 * Email with nodemailer: over SMTP when `SMTP_URL` is set; otherwise nodemailer builds the same
 * MIME into a buffer and the sandbox mail outbox keeps it (one row per delivery id), readable in the console.
 */
export function createEmailChannel(opts: {
  smtpUrl: string | undefined;
  from: string;
  origin: () => string;
  db: Db;
  vault: PiiVault;
  clock: Clock;
}): ExternalChannel {
  const transport = opts.smtpUrl
    ? nodemailer.createTransport(opts.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    channel: 'email',
    async deliver(m) {
      if (!m.to) throw new ChannelFailure('NO_EMAIL', false);
      let info: { messageId?: string; message?: unknown; response?: string };
      try {
        info = (await transport.sendMail(mailOptions(m, opts.from, opts.origin()))) as typeof info;
      } catch (err) {
        const e = err as { responseCode?: number; code?: string; message: string };
        // 4xx SMTP replies and connection trouble are temporary; 5xx replies are final.
        const transient = e.responseCode === undefined ? true : e.responseCode < 500;
        throw new ChannelFailure(e.responseCode ? `SMTP_${e.responseCode}` : (e.code ?? 'SMTP_ERROR'), transient, e.message);
      }
      if (!opts.smtpUrl) {
        await touch(opts.db)
          .insertInto('notification_mail_outbox')
          .values({
            delivery_id: m.deliveryId,
            to_enc: opts.vault.encrypt(m.to),
            to_mask: maskEmail(m.to),
            subject: m.title,
            raw: Buffer.from(info.message as Buffer).toString('utf8'),
            created_at: opts.clock.now(),
          })
          .onConflict((oc) => oc.column('delivery_id').doNothing())
          .execute();
        return { provider: 'sandbox-mail', providerId: info.messageId ?? null, status: 'sent' };
      }
      return { provider: 'smtp', providerId: info.messageId ?? null, status: 'sent' };
    },
  };
}
