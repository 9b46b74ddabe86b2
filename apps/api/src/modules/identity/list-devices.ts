import type { DeviceSession, LoginEvent, Page } from '@quanzi/contracts';
import { maskIp } from '../../platform/security/mask.js';
import type { MemberPrincipal } from '../../platform/http/auth.js';
import type { IdentityDeps } from './deps.js';
import { liveSessionsOf, loginEventsOf } from './repo.js';

export async function listDevices(deps: Pick<IdentityDeps, 'db' | 'clock'>, principal: MemberPrincipal): Promise<DeviceSession[]> {
  const sessions = await liveSessionsOf(deps.db, principal.memberId, deps.clock.now());
  return sessions.map((s) => ({
    id: s.id,
    deviceId: s.device_id,
    userAgent: s.user_agent,
    ipMasked: maskIp(s.ip),
    createdAt: s.created_at.toISOString(),
    lastSeenAt: s.last_seen_at.toISOString(),
    current: s.id === principal.sessionId,
  }));
}

export async function listLoginHistory(
  deps: Pick<IdentityDeps, 'db'>,
  memberId: string,
  page: number,
  pageSize: number,
): Promise<Page<LoginEvent>> {
  const { rows, total } = await loginEventsOf(deps.db, memberId, (page - 1) * pageSize, pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      outcome: r.outcome,
      ipMasked: maskIp(r.ip),
      deviceId: r.device_id,
      userAgent: r.user_agent,
      at: r.at.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}
