import type { Tx } from '../../platform/db/connect.js';
import { hashToken, newToken } from '../../platform/security/tokens.js';
import { SESSION_TTL_MS, type ClientInfo } from './deps.js';
import { insertSession } from './repo.js';

/** Creates a device session; the raw token is returned once and only its hash is stored. */
export async function startSession(trx: Tx, memberId: string, client: ClientInfo, now: Date) {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(trx, {
    member_id: memberId,
    token_hash: hashToken(token),
    device_id: client.deviceId ?? null,
    user_agent: client.userAgent,
    ip: client.ip,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  });
  return { token, expiresAt };
}
