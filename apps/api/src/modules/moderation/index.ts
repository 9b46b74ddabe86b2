import type { AppealDecisionRequest, AppealRequest, ReportRequest, SensitiveWordRequest, StaffModlogEntry } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { CharterModule } from '../charter/index.js';
import { act, type ActInput } from './act.js';
import { appeal } from './appeal.js';
import { assertCanPost } from './assert-can-post.js';
import { decideAppeal } from './decide-appeal.js';
import type { ModerationDeps } from './deps.js';
import { dismissReports } from './dismiss-reports.js';
import { consoleAppeal, consoleAppeals, myAppeals } from './list-appeals.js';
import { listQueue } from './list-queue.js';
import { addWord, removeWord } from './manage-words.js';
import { myModeration, publicModlog, publicModlogEntry, staffModlog } from './modlog.js';
import { asLogRow, presentAppeal, presentStaff, presentWord } from './present.js';
import { recordFilter, type FilterRecordInput } from './record-filter.js';
import { report } from './report.js';
import * as repo from './repo.js';
import { screenText, type Screening } from './screen.js';
import { TargetRegistry, type GroupReaderLookup, type GroupRoleLookup, type TargetHandler, type TargetType } from './targets.js';
import { WordList } from './word-list.js';
import { noticesVia } from '../../platform/events/notices.js';

export { moderationConsoleRoutes } from './routes.console.js';
export { moderationMemberRoutes } from './routes.member.js';
export { moderationPublicRoutes } from './routes.public.js';
export type { ActInput } from './act.js';
export type { ModerationActor } from './actors.js';
export type { FilterRecordInput } from './record-filter.js';
export type { ScreenMatch, Screening, ScreenVerdict } from './screen.js';
export type {
  GroupReaderLookup,
  GroupRole,
  GroupRoleLookup,
  TargetDescription,
  TargetEffect,
  TargetHandler,
  TargetType,
} from './targets.js';

/**
 * Moderation: the word filter, reports, the one `act` use case, the append-only public moderation
 * log, appeals and mutes. It owns no content: community, forum and live register a TargetHandler
 * per target type (and community the group-role lookup) when they are built.
 */
export function createModerationModule(platform: Platform, modules: { audit: AuditModule; charter: CharterModule }) {
  const targets = new TargetRegistry();
  const deps: ModerationDeps = {
    db: platform.db,
    clock: platform.clock,
    outbox: platform.outbox,
    logger: platform.logger,
    audit: modules.audit,
    notices: noticesVia(platform.outbox, 'moderation.notices'),
    charter: modules.charter,
    targets,
    words: new WordList(platform.db, platform.clock, platform.bus, platform.logger),
  };
  return {
    /** Community (message, member), forum (thread, reply) and live (live_comment) call this when built. */
    registerTarget: (type: TargetType, handler: TargetHandler) => targets.register(type, handler),
    /** Community registers how to read a member's role in a group (group staff moderate their group). */
    registerGroupRoleLookup: (lookup: GroupRoleLookup) => targets.setGroupRoleLookup(lookup),
    registerGroupReaderLookup: (lookup: GroupReaderLookup) => targets.setGroupReaderLookup(lookup),

    /**
     * Checks text against the in-memory word list: pass, flag (publish with a warning to readers),
     * hold (store but keep from readers; call recordFilter in the same transaction) or block (refuse
     * with CONTENT_BLOCKED after recordFilter in its own transaction). Synchronous: the hot path.
     */
    screen: (text: string): Screening => screenText(deps.words.current(), text),
    /** Resolves once the word list is loaded from the database (startup may await it before serving). */
    ready: () => deps.words.ready(),
    /** Logs the filter's hold (and queues it) or block; see record-filter.ts for which transaction to use. */
    recordFilter: (trx: Tx | undefined, input: FilterRecordInput) => recordFilter(deps, trx, input),
    /** THE moderation use case (see act.ts); in the caller's transaction when one is given. */
    act: async (trx: Tx | undefined, input: ActInput): Promise<StaffModlogEntry> => presentStaff(asLogRow(await act(deps, trx, input))),
    /** Throws MEMBER_MUTED {until, rule} when a mute covers the member here (groupId null: outside groups). */
    assertCanPost: (db: Executor, memberId: string, groupId: string | null) => assertCanPost(deps, db, memberId, groupId),
    /** Violations that stand against a member (for trust demotion); all time unless `since`. */
    /** Inside a transaction pass it as `db`: a caller holding row locks must not wait for a second pool connection. */
    upheldViolations: (memberId: string, since?: Date, db: Executor = deps.db) =>
      repo.countStandingViolations(db, memberId, since ?? new Date(0)),

    report: (memberId: string, input: ReportRequest) => report(deps, memberId, input),
    dismissReports: (op: OperatorPrincipal, reportId: string, note: string | undefined, ip: string | null) =>
      dismissReports(deps, op, reportId, note, ip),
    queue: (limit: number) => listQueue(deps, limit),

    appeal: async (memberId: string, input: AppealRequest) => {
      const row = await appeal(deps, memberId, input);
      return presentAppeal(row, (await repo.findLogRow(deps.db, row.action_id))!);
    },
    decideAppeal: async (op: OperatorPrincipal, appealId: string, input: AppealDecisionRequest, ip: string | null) =>
      consoleAppeal(deps, await decideAppeal(deps, op, appealId, input, ip)),
    myAppeals: (memberId: string) => myAppeals(deps, memberId),
    consoleAppeals: (filter: Parameters<typeof consoleAppeals>[1]) => consoleAppeals(deps, filter),

    publicModlog: (query: Parameters<typeof publicModlog>[1]) => publicModlog(deps, query),
    publicModlogEntry: (id: string) => publicModlogEntry(deps, id),
    staffModlog: (query: Parameters<typeof staffModlog>[1]) => staffModlog(deps, query),
    myModeration: (memberId: string, query: Parameters<typeof myModeration>[2]) => myModeration(deps, memberId, query),

    words: async () => (await repo.activeWords(deps.db)).map(presentWord),
    addWord: async (op: OperatorPrincipal, input: SensitiveWordRequest, ip: string | null) =>
      presentWord(await addWord(deps, op, input, ip)),
    removeWord: (op: OperatorPrincipal, id: string, ip: string | null) => removeWord(deps, op, id, ip),
  };
}
export type ModerationModule = ReturnType<typeof createModerationModule>;
