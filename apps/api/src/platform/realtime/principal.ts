import type { OperatorRole } from '@quanzi/contracts';

/**
 * Who is on the other end of a socket, and through which session: a socket lives only as long as
 * the member or console session that opened it (signing out, revoking the device, closing the
 * account or disabling the operator closes it with 4401; a role change re-authorises it).
 */
export type RealtimePrincipal =
  | { kind: 'member'; memberId: string; sessionId: string }
  | { kind: 'operator'; operatorId: string; sessionId: string; roles: OperatorRole[] };

/**
 * Decides whether a principal may subscribe to `<prefix>:<id>`. Each module registers the hook for
 * the channels it owns (community for `group:`, …): the hub knows no module's tables. Answer false
 * only when the principal may not listen; let a failure (database down) throw, so the client hears
 * a retryable UNAVAILABLE instead of a FORBIDDEN that looks like a permission change.
 */
export type ChannelAuthorizer = (principal: RealtimePrincipal, id: string) => Promise<boolean> | boolean;

/**
 * The sessions behind principals, as they are now: for each principal the same principal with
 * current roles, or null when its session is over (revoked, expired, account closed, operator
 * disabled). Provided by the identity and operators modules through the composition root.
 */
export type SessionCheck = (principals: readonly RealtimePrincipal[]) => Promise<Array<RealtimePrincipal | null>>;

/** Names the member or operator behind a principal, as `RealtimeHub.revalidate` takes it. */
export const principalKey = (p: RealtimePrincipal): string => (p.kind === 'member' ? `member:${p.memberId}` : `operator:${p.operatorId}`);
