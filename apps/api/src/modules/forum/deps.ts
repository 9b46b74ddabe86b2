import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { AuditModule } from '../audit/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { NoticeSender } from '../../platform/events/notices.js';
import type { ForumPorts } from './ports.js';

export interface ForumDeps {
  db: Db;
  clock: Clock;
  audit: AuditModule;
  /** `forum.thread_posted` / `forum.reply_posted` for community operations (the unanswered alarm). */
  outbox: Outbox;
  /** Member notices travel as `forum.notices` events; the notification module delivers them. */
  notices: NoticeSender;
  /** Product tags are checked against, and shown with, the products members can see. */
  investing: Pick<InvestingModule, 'product'>;
  ports: ForumPorts;
}
