import type { PiiVault } from '../../platform/security/pii.js';
import type { Clock } from '../../platform/clock.js';
import { maskPhone } from '../../platform/security/mask.js';
import type { Logger } from 'pino';
import type { SmsChannel } from './channel.js';
import { insertMessage } from './repo.js';

/**
 * The sandbox channel sends nothing: it records each message in `sms_messages`, which operators
 * (and tests) read in the console's SMS outbox. The phone is encrypted like any personal data.
 */
export function createSandboxChannel(vault: PiiVault, clock: Clock, logger: Pick<Logger, 'info'>): SmsChannel {
  return {
    name: 'sandbox',
    async send(trx, message) {
      await insertMessage(trx, {
        phone_enc: vault.encrypt(message.phone),
        phone_index: vault.blindIndex('phone', message.phone),
        purpose: message.purpose,
        content: message.content,
        channel: 'sandbox',
        sent_at: clock.now(),
      });
      logger.info({ phone: maskPhone(message.phone), purpose: message.purpose }, 'sandbox SMS recorded in the console outbox');
    },
  };
}
