import type { OperatorRole } from '@quanzi/contracts';

/** Who is on the other end of a socket. */
export type RealtimePrincipal = { kind: 'member'; memberId: string } | { kind: 'operator'; operatorId: string; roles: OperatorRole[] };

/**
 * Decides whether a principal may subscribe to `<prefix>:<id>`. Each module registers the hook for
 * the channels it owns (community for `group:`, …): the hub knows no module's tables.
 */
export type ChannelAuthorizer = (principal: RealtimePrincipal, id: string) => Promise<boolean> | boolean;
