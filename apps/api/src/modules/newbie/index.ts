import type { CreateGuideEntry, NewbieTaskCode, UpdateGuideEntry } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { RiskModule } from '../risk/index.js';
import type { NewbieDeps, PointsPort } from './deps.js';
import {
  changeGuideStatus,
  consoleGuide,
  consoleGuideEntry,
  createGuideEntry,
  deleteGuideEntry,
  draftFromCustomerService,
  publishedGuide,
  updateGuideEntry,
} from './guide.js';
import { guideCount } from './repo.js';
import { seedDemoNewbie } from './seed-demo.js';
import { completeTasks, consoleTasks, memberTasks, onEvent, updateTask } from './tasks.js';
import { newbieZone } from './zone.js';

export { newbieConsoleRoutes } from './routes.console.js';
export { newbieMemberRoutes, newbiePublicRoutes } from './routes.member.js';
export type { PointsPort } from './deps.js';

const SUBSCRIBER = 'newbie';
/** The domain events that complete growth tasks (register → 实名 → 绑卡 → 首投 → 复投). */
const TASK_EVENTS = ['member.registered', 'member.real_name_verified', 'member.bank_card_bound', 'investing.purchased'] as const;

/**
 * The newbie journey (新手旅程): the guide edited in the console, the newbie zone (newbie-only
 * products live in investing, which enforces them at purchase) and the growth tasks with their
 * points rewards (granted once per member and task from outbox events, through loyalty's points).
 */
export function createNewbieModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'logger'>,
  modules: {
    audit: AuditModule;
    identity: IdentityModule;
    investing: InvestingModule;
    risk: RiskModule;
    points: PointsPort;
  },
) {
  const deps: NewbieDeps = { db: platform.db, clock: platform.clock, outbox: platform.outbox, logger: platform.logger, ...modules };
  return {
    /** Outbox subscriptions (worker role; tests drain the outbox). */
    subscribe() {
      for (const name of TASK_EVENTS) platform.outbox.subscribe(name, SUBSCRIBER, (event) => onEvent(deps, event));
    },
    guide: () => publishedGuide(deps),
    zone: (memberId: string) => newbieZone(deps, memberId),
    tasks: (memberId: string) => memberTasks(deps, memberId),
    /** For callers that already know a task is done (tests, back-fills): idempotent per (member, task). */
    completeTasks: (memberId: string, codes: NewbieTaskCode[], eventId: string) => completeTasks(deps, memberId, codes, eventId),

    consoleGuide: (filter: Parameters<typeof consoleGuide>[1]) => consoleGuide(deps, filter),
    consoleGuideEntry: (id: string) => consoleGuideEntry(deps, id),
    createGuideEntry: (op: OperatorPrincipal, input: CreateGuideEntry, ip: string | null) => createGuideEntry(deps, op, input, ip),
    updateGuideEntry: (op: OperatorPrincipal, id: string, input: UpdateGuideEntry, ip: string | null) =>
      updateGuideEntry(deps, op, id, input, ip),
    changeGuideStatus: (op: OperatorPrincipal, id: string, status: 'draft' | 'published', ip: string | null) =>
      changeGuideStatus(deps, op, id, status, ip),
    deleteGuideEntry: (op: OperatorPrincipal, id: string, ip: string | null) => deleteGuideEntry(deps, op, id, ip),
    /** For the customer-service module: one of its top questions with the agreed answer becomes a draft FAQ entry (once per `ref`). */
    draftFromCustomerService: (input: { ref: string; question: string; answer: string }) => draftFromCustomerService(deps, input),
    consoleTasks: () => consoleTasks(deps),
    updateTask: (op: OperatorPrincipal, code: NewbieTaskCode, input: { rewardPoints: number; enabled: boolean }, ip: string | null) =>
      updateTask(deps, op, code, input, ip),
    /** The demo's newbie-only product and published guide (once). */
    seedDemo: (op: OperatorPrincipal) => seedDemoNewbie(deps, op),
    /** Whether the guide has ever had an entry (the demo seed then signs no operator in). */
    demoSeeded: async () => (await guideCount(deps.db)) > 0,
  };
}
export type NewbieModule = ReturnType<typeof createNewbieModule>;
