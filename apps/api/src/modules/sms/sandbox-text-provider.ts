import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import { maskPhone } from '../../platform/security/mask.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { SmsTextProvider } from './aliyun-adapter.js';
import { insertTextOnce } from './repo.js';

/**
 * Notification texts in the sandbox: recorded in the console's SMS outbox, once per OutId (the
 * delivery id), so a delivery retried after a crash shows once, like a provider that deduplicates.
 */
export function createSandboxTextProvider(db: Db, vault: PiiVault, clock: Clock, logger: Pick<Logger, 'info'>): SmsTextProvider {
  return {
    name: 'sandbox',
    async sendText(message) {
      const inserted = await insertTextOnce(db, {
        phone_enc: vault.encrypt(message.phone),
        phone_index: vault.blindIndex('phone', message.phone),
        purpose: 'notification',
        content: message.text,
        channel: 'sandbox',
        sent_at: clock.now(),
        out_id: message.outId,
      });
      if (inserted) logger.info({ phone: maskPhone(message.phone) }, 'sandbox SMS notification recorded in the console outbox');
      return { providerId: `sandbox:${message.outId}` };
    },
  };
}
