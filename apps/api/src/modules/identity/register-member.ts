import { AGREEMENT_VERSION, passwordStrong } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/security/passwords.js';
import type { ClientInfo, IdentityDeps } from './deps.js';
import { presentProfile } from './present.js';
import { insertLoginEvent, insertMember, isUniqueViolation, phoneIndexTaken } from './repo.js';
import { startSession } from './start-session.js';

export interface RegisterInput {
  phone: string;
  code: string;
  password: string;
  agreementVersion: string;
  channel?: string | undefined;
  utmSource?: string | undefined;
  utmMedium?: string | undefined;
  utmCampaign?: string | undefined;
  /** An inviter's code; the referral module hears it in `member.registered`. */
  referralCode?: string | undefined;
}

export async function registerMember(deps: IdentityDeps, input: RegisterInput, client: ClientInfo) {
  if (input.agreementVersion !== AGREEMENT_VERSION) throw new AppError('AGREEMENT_OUTDATED');
  if (!passwordStrong(input.password)) throw new AppError('WEAK_PASSWORD');
  const phoneIndex = deps.vault.blindIndex('phone', input.phone);
  if (await phoneIndexTaken(deps.db, deps.vault.blindIndexes('phone', input.phone))) throw new AppError('PHONE_TAKEN');
  const verified = await deps.sms.verifyCode(input.phone, 'register', input.code);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  try {
    return await transact(deps.db, async (trx) => {
      await deps.sms.redeemCode(trx, verified);
      const member = await insertMember(trx, {
        phone_enc: deps.vault.encrypt(input.phone),
        phone_index: phoneIndex,
        pii_key_id: deps.vault.keyId,
        phone_last4: input.phone.slice(-4),
        password_hash: passwordHash,
        nickname: `圈友${input.phone.slice(-4)}`,
        agreement_version: input.agreementVersion,
        agreement_accepted_at: now,
        channel: input.channel ?? input.utmSource ?? null,
        utm_source: input.utmSource ?? null,
        utm_medium: input.utmMedium ?? null,
        utm_campaign: input.utmCampaign ?? null,
        registered_ip: client.ip,
        registered_device: client.deviceId ?? null,
        created_at: now,
      });
      const session = await startSession(trx, member.id, client, now);
      await insertLoginEvent(trx, {
        member_id: member.id,
        outcome: 'success',
        ip: client.ip,
        device_id: client.deviceId ?? null,
        user_agent: client.userAgent,
        at: now,
      });
      await deps.audit.record(trx, {
        actor: { type: 'member', id: member.id, name: member.nickname },
        action: 'member.registered',
        target: { type: 'member', id: member.id },
        after: { phone: `***${member.phone_last4}`, agreementVersion: input.agreementVersion, channel: member.channel },
        ip: client.ip,
      });
      await deps.outbox.emit(trx, 'member.registered', {
        memberId: member.id,
        channel: member.channel,
        utmSource: member.utm_source,
        utmMedium: member.utm_medium,
        utmCampaign: member.utm_campaign,
        deviceId: client.deviceId ?? null,
        ip: client.ip,
        referralCode: input.referralCode ?? null,
      });
      return { ...session, member: presentProfile(deps.vault, member, []) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('PHONE_TAKEN');
    throw err;
  }
}
