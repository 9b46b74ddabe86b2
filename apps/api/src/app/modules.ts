import type { Platform } from '../platform/context.js';
import type { Scheduler } from '../platform/jobs/scheduler.js';
import { createAuditModule } from '../modules/audit/index.js';
import { createIdentityModule } from '../modules/identity/index.js';
import { createOperatorsModule } from '../modules/operators/index.js';
import { createSmsModule } from '../modules/sms/index.js';
import { createRealtimeModule } from '../modules/realtime/index.js';

/** The composition root: modules are built here and handed to each other through their index.ts. */
export function createModules(platform: Platform) {
  const audit = createAuditModule(platform);
  const sms = createSmsModule(platform);
  const identity = createIdentityModule(platform, { audit, sms });
  const operators = createOperatorsModule(platform, { audit });
  const realtime = createRealtimeModule(platform, { audit }, platform.realtime.tickets);
  return { audit, sms, identity, operators, realtime };
}
export type Modules = ReturnType<typeof createModules>;

/** Every 10 minutes: sessions, SMS codes and socket tickets that can no longer be used are deleted. */
export function registerJobs(scheduler: Scheduler, modules: Modules): void {
  scheduler.register({
    name: 'purge-expired-credentials',
    cron: '*/10 * * * *',
    run: async (now) => ({
      memberSessions: await modules.identity.purgeExpiredSessions(now),
      operatorSessions: await modules.operators.purgeExpiredSessions(now),
      smsCodes: await modules.sms.purgeExpired(now),
      realtimeTickets: await modules.realtime.tickets.purge(now),
    }),
  });
}
