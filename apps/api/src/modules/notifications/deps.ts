import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { AuditModule } from '../audit/index.js';
import type { PromotionCheck, PromotionInput } from '../compliance/index.js';
import type { ExternalChannel } from './channels/types.js';

export interface NotificationsDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** What the touch layer reads through other modules' index.ts (never their tables). */
export interface TouchPorts {
  identity: {
    phonesOf(ids: readonly string[]): Promise<Map<string, string>>;
    audiencePage(q: {
      after: string | null;
      limit: number;
      activeSince?: Date | undefined;
      among?: readonly string[] | undefined;
    }): Promise<string[]>;
    memberIdByPhone(phone: string): Promise<string | undefined>;
  };
  suitability: { coveringMembers(ids: readonly string[], level: 1 | 2 | 3 | 4 | 5): Promise<string[]> };
  community: { membersOfAnyGroup(groupIds: readonly string[], memberIds: readonly string[]): Promise<string[]> };
  compliance: { checkPromotion(input: PromotionInput, executor?: Executor): Promise<PromotionCheck> };
  audit: Pick<AuditModule, 'record'>;
}

/** A segment filter the growth issue will add (member levels, tags): member ids in, the matching ones out. */
export type SegmentFilter = (memberIds: readonly string[], values: readonly string[]) => Promise<string[]>;

export interface TouchDeps extends NotificationsDeps {
  vault: PiiVault;
  ports: TouchPorts;
  channels: Map<string, ExternalChannel>;
  origin: () => string;
  /** Wakes the delivery worker after a commit that queued deliveries. */
  wake: () => void;
  /** Asks the job queue to run a send now (the minute cron is the durable fallback). */
  kickSend: (sendId: string) => void;
  /** Extension points for segment filters owned by later modules (`levels`, `tags`). */
  segmentFilters: Map<'levels' | 'tags', SegmentFilter>;
}
