import type { SmsPurpose } from '@quanzi/contracts';
import { shanghaiDayStart, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { PiiVault } from '../../platform/security/pii.js';
import { newSmsCode } from '../../platform/security/tokens.js';
import type { SmsChannel } from './channel.js';
import { PURPOSE_TEXT, SMS_POLICY } from './policy.js';
import { codeStats, insertCode, lockPhone } from './repo.js';
import { codeHash } from './code-hash.js';
import crypto from 'node:crypto';

export interface SmsCodeDeps {
  db: Db;
  clock: Clock;
  vault: PiiVault;
  channel: SmsChannel;
}

export async function sendSmsCode(deps: SmsCodeDeps, phone: string, purpose: SmsPurpose) {
  const now = deps.clock.now();
  const phoneIndex = deps.vault.blindIndex('phone', phone);
  return transact(deps.db, async (trx) => {
    await lockPhone(trx, phoneIndex);
    const cooldownStart = new Date(now.getTime() - SMS_POLICY.cooldownSeconds * 1000);
    const stats = await codeStats(trx, deps.vault.blindIndexes('phone', phone), purpose, shanghaiDayStart(now), cooldownStart);
    if (stats.last) {
      const waited = Math.floor((now.getTime() - stats.last.getTime()) / 1000);
      if (waited < SMS_POLICY.cooldownSeconds) throw new AppError('SMS_COOLDOWN', { seconds: SMS_POLICY.cooldownSeconds - waited });
    }
    if (stats.today >= SMS_POLICY.dailyLimit) throw new AppError('SMS_DAILY_LIMIT');
    const id = crypto.randomUUID();
    const code = newSmsCode();
    await insertCode(trx, {
      id,
      phone_index: phoneIndex,
      purpose,
      code_hash: codeHash(deps.vault, id, code),
      created_at: now,
      expires_at: new Date(now.getTime() + SMS_POLICY.ttlSeconds * 1000),
    });
    await deps.channel.send(trx, {
      phone,
      purpose,
      content: `【圈子】您的${PURPOSE_TEXT[purpose] ?? ''}验证码是 ${code}，${SMS_POLICY.ttlSeconds / 60} 分钟内有效。如非本人操作，请忽略本短信。`,
    });
    return { cooldownSeconds: SMS_POLICY.cooldownSeconds, expiresInSeconds: SMS_POLICY.ttlSeconds };
  });
}
