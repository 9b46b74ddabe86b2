import type { Platform } from '../platform/context.js';
import type { CronJob, Scheduler } from '../platform/jobs/scheduler.js';
import type { Db } from '../platform/db/connect.js';
import { createAuditModule } from '../modules/audit/index.js';
import { createIdentityModule } from '../modules/identity/index.js';
import { createOperatorsModule } from '../modules/operators/index.js';
import { createSmsModule } from '../modules/sms/index.js';
import { createRealtimeModule } from '../modules/realtime/index.js';
import { createLedgerModule } from '../modules/ledger/index.js';
import { createWalletModule, loadOrCreateCredentials } from '../modules/wallet/index.js';
import { createSuitabilityModule } from '../modules/suitability/index.js';
import { createInvestingModule } from '../modules/investing/index.js';
import { createCharterModule } from '../modules/charter/index.js';
import { createNotificationsModule } from '../modules/notifications/index.js';
import { createSearchModule } from '../modules/search/index.js';
import { createModerationModule } from '../modules/moderation/index.js';
import { createCommunityModule } from '../modules/community/index.js';
import { createForumModule } from '../modules/forum/index.js';
import { createLiveModule } from '../modules/live/index.js';
import { createRiskModule } from '../modules/risk/index.js';
import { createSandboxGatewayClient } from '../platform/payments/sandbox-client.js';
import { createSandboxGateway } from '../sandbox-gateway/index.js';
import { purgeIdempotencyKeys } from '../platform/http/idempotency.js';
import { createComplianceModule } from '../modules/compliance/index.js';
import { createWechatSandbox } from '../sandbox-wechat/index.js';
import { createCommunityOpsModule } from '../modules/community-ops/index.js';

/** The composition root: modules are built here and handed to each other through their index.ts. */
export function createModules(platform: Platform) {
  const audit = createAuditModule(platform);
  const sms = createSmsModule(platform);
  const identity = createIdentityModule(platform, { audit, sms });
  const operators = createOperatorsModule(platform, { audit });
  const realtime = createRealtimeModule(platform, { audit }, platform.realtime.tickets);
  const ledger = createLedgerModule(platform);
  const { sandboxGateway, gateway } = createPaymentGateway(platform);
  const origin = () => platform.config.publicOrigin;
  const wallet = createWalletModule(
    platform,
    { audit, identity, ledger },
    {
      gateway,
      urls: {
        notify: () => `${origin()}/api/v1/payments/callbacks/sandbox`,
        topUpReturn: (orderId) => `${origin()}/wallet/orders/${orderId}`,
      },
    },
  );
  const suitability = createSuitabilityModule(platform);
  const investing = createInvestingModule(platform, { audit, identity, ledger, suitability });
  const charter = createCharterModule(platform, { audit });
  const search = createSearchModule(platform);
  const moderation = createModerationModule(platform, { audit, charter });
  const community = createCommunityModule(platform, { audit, identity, investing, search, moderation });
  const forum = createForumModule(platform, { audit, community, search, moderation, investing });
  const live = createLiveModule(platform, { audit, community, forum, moderation });
  const risk = createRiskModule(platform, { audit, idNumberIndexOf: identity.idNumberIndexOf });
  identity.setLoginGuard((input) => risk.stepUp({ use: 'login', ...input }));
  const compliance = createComplianceModule({ investing, suitability });
  const notifications = createNotificationsModule(platform, { identity, suitability, community, compliance, audit, sms });
  const communityOps = createCommunityOpsModule(platform, { audit, community, notifications, operators, search });
  const wechatSandbox = createWechatSandbox({
    db: platform.db,
    clock: platform.clock,
    appId: platform.config.touch.wechat.appId,
    appSecret: platform.config.touch.wechat.appSecret,
  });
  return {
    audit,
    sms,
    identity,
    operators,
    realtime,
    ledger,
    wallet,
    suitability,
    investing,
    charter,
    notifications,
    search,
    moderation,
    community,
    forum,
    live,
    risk,
    sandboxGateway,
    compliance,
    communityOps,
    wechatSandbox,
  };
}
export type Modules = ReturnType<typeof createModules>;

/** Every recurring job, in Asia/Shanghai cron. The scheduler runs them in the worker; tests call `run` directly. */
export function cronJobs(modules: Modules, db: Db): CronJob[] {
  return [
    {
      // Sessions, SMS codes, socket tickets and idempotency keys that can no longer be used.
      name: 'purge-expired-credentials',
      cron: '*/10 * * * *',
      run: async (now) => ({
        memberSessions: await modules.identity.purgeExpiredSessions(now),
        operatorSessions: await modules.operators.purgeExpiredSessions(now),
        smsCodes: await modules.sms.purgeExpired(now),
        realtimeTickets: await modules.realtime.tickets.purge(now),
        idempotencyKeys: await purgeIdempotencyKeys(db, now),
      }),
    },
    // Just after midnight: freeze yesterday's closing balances for reports.
    { name: 'ledger-daily-snapshot', cron: '1 0 * * *', run: (now) => modules.ledger.snapshot(now) },
    // Platform accounts are not locked by transfers; their pending deltas are folded into the cached balance.
    { name: 'ledger-fold-balances', cron: '* * * * *', run: async () => ({ accounts: await modules.ledger.foldBalances() }) },
    // Callbacks get lost: orders waiting on the gateway are queried every minute.
    { name: 'wallet-poll-stuck-orders', cron: '* * * * *', run: (now) => modules.wallet.pollStuckOrders(now) },
    // The gateway publishes yesterday's bill in the morning; reconcile it then.
    { name: 'wallet-daily-reconciliation', cron: '30 9 * * *', run: (now) => modules.wallet.reconcileYesterday(now) },
    // 00:05: yesterday's declared demand earnings; 00:10: maturities and T+1 redemptions.
    { name: 'investing-daily-earnings', cron: '5 0 * * *', run: (now) => modules.investing.accrueDemandEarnings(now) },
    {
      name: 'investing-daily-settlement',
      cron: '10 0 * * *',
      run: async (now) => ({
        matured: await modules.investing.matureFixedHoldings(now),
        redemptions: await modules.investing.settleDueRedemptions(now),
      }),
    },
    { name: 'investing-experience-expiry', cron: '*/10 * * * *', run: (now) => modules.investing.expireExperience(now) },
    // The 1st of the month: freeze last month's disclosure figures.
    { name: 'investing-disclosure-snapshot', cron: '20 0 1 * *', run: (now) => modules.investing.snapshotDisclosure(now) },
    ...modules.live.cronJobs,
    ...modules.notifications.cronJobs,
    ...modules.communityOps.cronJobs,
    ...modules.risk.cronJobs,
    // After an index format change: older search documents are rewritten a batch at a time until none is left.
    { name: 'search-reindex', cron: '* * * * *', run: () => modules.search.reindex() },
    // After a QUANZI_SECRET rotation: members' and cards' blind indexes (and old ciphertexts) rewritten under the new key.
    {
      name: 'pii-reindex',
      cron: '*/10 * * * *',
      run: async () => {
        const identity = await modules.identity.reindexPii();
        const notifications = await modules.notifications.reindexBindings();
        return { ...identity, ...notifications, done: identity.done && notifications.done };
      },
    },
  ];
}

export function registerJobs(scheduler: Scheduler, modules: Modules, db: Db): void {
  for (const job of cronJobs(modules, db)) scheduler.register(job);
  modules.notifications.attachScheduler(scheduler);
  modules.wallet.attachScheduler(scheduler);
}

/**
 * The sandbox gateway (a separate component with its own tables, mounted at /sandbox) and Quanzi's
 * client for it. The key exchange happens once, out of band, the first time a payment needs it.
 */
function createPaymentGateway(platform: Platform) {
  const sandboxGateway = createSandboxGateway({ db: platform.db, clock: platform.clock, logger: platform.logger });
  let credentials: ReturnType<typeof loadOrCreateCredentials> | undefined;
  const gateway = createSandboxGatewayClient({
    baseUrl: () => `${platform.config.publicOrigin}/sandbox`,
    credentials: () => {
      credentials ??= loadOrCreateCredentials(
        platform.db,
        platform.vault,
        'sandbox',
        async (appId, publicKey) => {
          await sandboxGateway.registerMerchant(appId, publicKey);
          return sandboxGateway.publicKey();
        },
        platform.clock.now(),
      ).catch((err: unknown) => {
        credentials = undefined;
        throw err;
      });
      return credentials;
    },
  });
  return { sandboxGateway, gateway };
}
