import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { Db, Executor, Tx } from '../../platform/db/connect.js';

export interface CommunityDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  logger: Pick<Logger, 'warn'>;
  audit: AuditModule;
  identity: Pick<IdentityModule, 'nicknames' | 'profile'>;
  investing: Pick<InvestingModule, 'product'>;
  search: SearchPort;
  moderation: ModerationPort;
}

/** What community needs of search (the search module's index.ts provides it). */
export interface SearchPort {
  index(
    trx: Tx,
    doc: {
      kind: 'message';
      id: string;
      scope: string;
      title: string | null;
      body: string;
      authorId: string | null;
      link: string;
      createdAt: Date;
    },
  ): Promise<void>;
  remove(trx: Tx, kind: 'message', id: string): Promise<void>;
}

/** What community needs of moderation (the moderation module's index.ts provides it). */
export interface ModerationPort {
  screen(text: string): { verdict: 'pass' | 'flag' | 'hold' | 'block'; matches: Array<{ word: string; ruleCode: string }> };
  assertCanPost(db: Executor, memberId: string, groupId: string | null): Promise<void>;
  upheldViolations(memberId: string, since?: Date, db?: Executor): Promise<number>;
  registerTarget(type: 'message' | 'member', handler: unknown): void;
  registerGroupRoleLookup(lookup: (groupId: string, memberId: string) => Promise<'owner' | 'admin' | 'expert' | 'member' | null>): void;
  registerGroupReaderLookup(lookup: (groupId: string, memberId: string) => Promise<boolean>): void;
  /** The word filter's own hold or block, published in the moderation log. */
  recordFilter(
    trx: Tx | undefined,
    input: {
      verdict: 'hold' | 'block';
      target?: { type: 'message'; id?: string };
      authorId: string;
      text: string;
      groupId?: string;
      visibility?: 'public' | 'private';
      match: { word: string; ruleCode: string };
    },
  ): Promise<unknown>;
}
