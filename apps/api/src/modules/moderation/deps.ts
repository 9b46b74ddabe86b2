import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { AuditModule } from '../audit/index.js';
import type { CharterModule } from '../charter/index.js';
import type { NoticeSender } from '../../platform/events/notices.js';
import type { TargetRegistry } from './targets.js';
import type { WordList } from './word-list.js';

export interface ModerationDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  audit: AuditModule;
  /** Member notices travel as `moderation.notices` events; the notification module delivers them. */
  notices: NoticeSender;
  charter: Pick<CharterModule, 'rule' | 'publicCharter'>;
  targets: TargetRegistry;
  words: WordList;
}
