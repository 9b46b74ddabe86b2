import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { NotificationsModule } from '../notifications/index.js';
import type { OperatorsModule } from '../operators/index.js';
import type { SearchModule } from '../search/index.js';

export interface CommunityOpsDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Pick<Logger, 'info' | 'warn'>;
  audit: Pick<AuditModule, 'record'>;
  community: Pick<
    CommunityModule,
    | 'officialAccountId'
    | 'postOfficial'
    | 'expertsInGroup'
    | 'groupExists'
    | 'groupNames'
    | 'isExpert'
    | 'authorCards'
    | 'membership'
    | 'consoleGroups'
  >;
  notifications: Pick<NotificationsModule, 'send'>;
  operators: Pick<OperatorsModule, 'get' | 'list'>;
  search: Pick<SearchModule, 'tokenize'>;
}

/** The operator channels the alarm board listens on (`ops:<role>`: community managers and administrators). */
export const OPS_CHANNELS = ['ops:community_manager', 'ops:admin'] as const;

export const auditActor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });

export const messageLink = (groupId: string, messageId: string) => `/community/groups/${groupId}?m=${messageId}`;
