import { createHash } from 'node:crypto';
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
import { createAlipayGateway } from '../platform/payments/alipay.js';
import { createSandboxGateway } from '../sandbox-gateway/index.js';
import { purgeIdempotencyKeys } from '../platform/http/idempotency.js';
import { createComplianceModule } from '../modules/compliance/index.js';
import { createWechatSandbox } from '../sandbox-wechat/index.js';
import { createCommunityOpsModule } from '../modules/community-ops/index.js';
import { createGrowthModule } from '../modules/growth/index.js';
import { createLoyaltyModule } from '../modules/loyalty/index.js';
import { createNewbieModule } from '../modules/newbie/index.js';
import { createLotteryModule, lotteryChancesEffect } from '../modules/lottery/index.js';
import { createMallModule } from '../modules/mall/index.js';
import { createReferralModule } from '../modules/referral/index.js';

/** A stable uuid per (order, unit): the first unit is the order itself, later ones a hash of both. */
function unitKey(orderId: string, unit: number): string {
  if (unit === 0) return orderId;
  const h = createHash('sha256').update(`${orderId}:${unit}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
import { createWechatPaySandbox } from '../sandbox-wechatpay/index.js';
import {
  createNonceStore,
  createWechatPayGateway,
  sandboxApiV3Key,
  wechatPayFromEnv,
  type WechatPayCredentials,
} from '../platform/payments/wechatpay/index.js';
import { createAnalyticsModule } from '../modules/analytics/index.js';

/** The composition root: modules are built here and handed to each other through their index.ts. */
export function createModules(platform: Platform) {
  const audit = createAuditModule(platform);
  const sms = createSmsModule(platform);
  const identity = createIdentityModule(platform, { audit, sms });
  const operators = createOperatorsModule(platform, { audit });
  const realtime = createRealtimeModule(platform, { audit }, platform.realtime.tickets);
  const ledger = createLedgerModule(platform);
  const { sandboxGateway, alipay } = createPaymentGateways(platform);
  const { wechatPaySandbox, wechatPay } = createWechatPay(platform);
  const origin = () => platform.config.publicOrigin;
  const wallet = createWalletModule(
    platform,
    { audit, identity, ledger },
    {
      gateways: [alipay, wechatPay],
      payoutChannel: 'alipay',
      urls: {
        notify: (channel) => `${origin()}/api/v1/payments/callbacks/${channel}`,
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
  const loyalty = createLoyaltyModule(platform, { audit, identity, investing });
  const newbie = createNewbieModule(platform, { audit, identity, investing, risk, points: loyalty.points });
  const lottery = createLotteryModule(platform, {
    audit,
    investing,
    points: () => loyalty.points,
    lotteryWeight: (memberId, db) => loyalty.levels.lotteryWeight(memberId, db),
  });
  const mall = createMallModule(platform, { audit, investing, lottery, points: () => loyalty.points });
  const referral = createReferralModule(platform, { identity, risk, points: () => loyalty.points });
  const growth = createGrowthModule(platform, { audit, ledger, investing, notifications, risk, community, suitability, loyalty });
  // Rewards and campaigns meet here, so neither module imports the other: campaigns can give draw
  // chances; a wheel's coupon prize and a mall coupon item are grants of a prize campaign (its
  // budget and risk check apply), keyed by the draw or by the order and unit.
  growth.registerEffect('lottery_chances', lotteryChancesEffect(lottery));
  lottery.prizeHandlers.register('coupon', growth.couponPrize, growth.couponPrizeProblem);
  mall.registerCouponGrant(async (trx, { memberId, orderId, quantity, couponRef }) => {
    for (let unit = 0; unit < quantity; unit++)
      await growth.couponPrize(trx, { memberId, drawId: unitKey(orderId, unit), prize: { name: couponRef, couponRef } });
  }, growth.couponPrizeProblem);
  const analytics = createAnalyticsModule(platform, { audit, community, communityOps, notifications });
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
    growth,
    loyalty,
    newbie,
    lottery,
    mall,
    referral,
    wechatPaySandbox,
    wechatPay,
    analytics,
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
    ...modules.loyalty.cronJobs,
    ...modules.analytics.cronJobs,
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
 * Alipay adapter on the official alipay-sdk: real Alipay when ALIPAY_APP_ID is configured, else the
 * sandbox, whose key exchange happens once, out of band, the first time a payment needs it.
 */
function createPaymentGateways(platform: Platform) {
  const sandboxGateway = createSandboxGateway({ db: platform.db, clock: platform.clock, logger: platform.logger });
  const real = platform.config.alipay;
  let credentials: ReturnType<typeof loadOrCreateCredentials> | undefined;
  const sandboxCredentials = () => {
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
  };
  const alipay = createAlipayGateway({
    gatewayUrl: () => real?.gatewayUrl ?? `${platform.config.publicOrigin}/sandbox/alipay/gateway.do`,
    payMethod: real?.payMethod ?? 'wap',
    credentials: async () => {
      if (real) {
        return {
          appId: real.appId,
          privateKey: real.privateKey,
          ...(real.appCertContent
            ? {
                appCertContent: real.appCertContent,
                alipayPublicCertContent: real.alipayPublicCertContent!,
                alipayRootCertContent: real.alipayRootCertContent!,
              }
            : { alipayPublicKey: real.alipayPublicKey! }),
        };
      }
      const c = await sandboxCredentials();
      return { appId: c.appId, privateKey: c.merchantPrivateKey, alipayPublicKey: c.gatewayPublicKey };
    },
  });
  return { sandboxGateway, alipay };
}

/**
 * WeChat Pay v3: the sandbox (its own tables, mounted at /sandbox/wechatpay) and Quanzi's adapter
 * (`PaymentGateway` named 'wechat'). With WECHATPAY_MCHID set the adapter talks to the real API with
 * the configured credentials; otherwise to the sandbox, with a merchant key pair made once and kept
 * (encrypted) in the wallet's credential store and registered with the sandbox on first use.
 */
function createWechatPay(platform: Platform) {
  const wechatPaySandbox = createWechatPaySandbox({ db: platform.db, clock: platform.clock, logger: platform.logger });
  const real = wechatPayFromEnv(process.env);
  let credentials: Promise<WechatPayCredentials> | undefined;
  const load = async (): Promise<WechatPayCredentials> => {
    if (real) return real.credentials;
    const stored = await loadOrCreateCredentials(
      platform.db,
      platform.vault,
      'wechatpay',
      async () => (await wechatPaySandbox.platformKey()).publicKey,
      platform.clock.now(),
    );
    const apiV3Key = sandboxApiV3Key(stored.merchantPrivateKey);
    const { serialNo } = await wechatPaySandbox.registerMerchant({ mchid: stored.appId, publicKey: stored.merchantPublicKey, apiV3Key });
    const key = await wechatPaySandbox.platformKey();
    return {
      mchid: stored.appId,
      appid: platform.config.touch.wechat.appId,
      serialNo,
      privateKey: stored.merchantPrivateKey,
      platformKeyId: key.keyId,
      platformPublicKey: key.publicKey,
      apiV3Key,
    };
  };
  const wechatPay = createWechatPayGateway({
    baseUrl: () => real?.apiBase ?? `${platform.config.publicOrigin}/sandbox/wechatpay`,
    credentials: () => {
      credentials ??= load().catch((err: unknown) => {
        credentials = undefined;
        throw err;
      });
      return credentials;
    },
    nonces: createNonceStore(platform.db),
    // The sandbox pays any openid. A real deployment pays the member's openid under WECHATPAY_APPID
    // (the notifications module's WeChat binding): see the wechatpay report.
    payeeOpenid: async (input) => `oQuanzi${input.orderId.replace(/-/g, '').slice(0, 20)}`,
    logger: platform.logger,
  });
  return { wechatPaySandbox, wechatPay };
}
