import type { Platform } from '../platform/context.js';
import type { Scheduler } from '../platform/jobs/scheduler.js';
import { createAuditModule } from '../modules/audit/index.js';
import { createIdentityModule } from '../modules/identity/index.js';
import { createOperatorsModule } from '../modules/operators/index.js';
import { createSmsModule } from '../modules/sms/index.js';
import { createRealtimeModule } from '../modules/realtime/index.js';
import { createLedgerModule } from '../modules/ledger/index.js';

/** The composition root: modules are built here and handed to each other through their index.ts. */
export function createModules(platform: Platform) {
  const audit = createAuditModule(platform);
  const sms = createSmsModule(platform);
  const identity = createIdentityModule(platform, { audit, sms });
  const operators = createOperatorsModule(platform, { audit });
  const realtime = createRealtimeModule(platform, { audit }, platform.realtime.tickets);
  const ledger = createLedgerModule(platform);
  return { audit, sms, identity, operators, realtime, ledger };
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
  // Just after midnight Asia/Shanghai: freeze yesterday's closing balances for reports.
  scheduler.register({ name: 'ledger-daily-snapshot', cron: '1 0 * * *', run: (now) => modules.ledger.snapshot(now) });
}
