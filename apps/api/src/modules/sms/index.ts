import type { SmsPurpose } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import type { SmsChannel } from './channel.js';
import { listSmsOutbox } from './list-sms-outbox.js';
import { purgeExpiredCodes } from './purge-expired-codes.js';
import { createSandboxChannel } from './sandbox-channel.js';
import { sendSmsCode } from './send-sms-code.js';
import { createAliyunSmsProvider, type SmsTextProvider } from './aliyun-adapter.js';
import { createSandboxTextProvider } from './sandbox-text-provider.js';
import { redeemSmsCode, verifySmsCode, type VerifiedCode } from './verify-sms-code.js';

export type { SmsChannel } from './channel.js';
export type { VerifiedCode } from './verify-sms-code.js';
export { SMS_POLICY } from './policy.js';
export { smsConsoleRoutes } from './routes.console.js';
export { SmsProviderError, parseAliyunInbound, type SmsTextProvider, type TextMessage } from './aliyun-adapter.js';

export function createSmsModule(platform: Platform, channel?: SmsChannel, textProvider?: SmsTextProvider) {
  // Notification texts: Aliyun when SMS_PROVIDER=aliyun, else the sandbox outbox.
  const aliyun = platform.config.touch?.aliyunSms;
  const texts =
    textProvider ??
    (aliyun ? createAliyunSmsProvider(aliyun) : createSandboxTextProvider(platform.db, platform.vault, platform.clock, platform.logger));
  const deps = {
    db: platform.db,
    clock: platform.clock,
    vault: platform.vault,
    channel: channel ?? createSandboxChannel(platform.vault, platform.clock, platform.logger),
  };
  return {
    sendCode: (phone: string, purpose: SmsPurpose) => sendSmsCode(deps, phone, purpose),
    /** Step 1 of using a code: check it (wrong guesses are counted even if the request then fails). */
    verifyCode: (phone: string, purpose: SmsPurpose, code: string) => verifySmsCode(deps, phone, purpose, code),
    /** Step 2: redeem it inside the transaction that acts on it. */
    redeemCode: (trx: Tx, verified: VerifiedCode) => redeemSmsCode(trx, verified, platform.clock.now()),
    outbox: (phone: string | undefined, page: number, pageSize: number) =>
      listSmsOutbox(platform.db, platform.vault, phone, page, pageSize),
    purgeExpired: (now: Date) => purgeExpiredCodes(platform.db, now),
    /** The provider notification texts go through (an external call: the caller's delivery queue retries it). */
    texts,
  };
}
export type SmsModule = ReturnType<typeof createSmsModule>;
