import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { auditConsoleRoutes } from '../modules/audit/index.js';
import { identityConsoleRoutes, identityMemberRoutes } from '../modules/identity/index.js';
import { operatorsConsoleRoutes } from '../modules/operators/index.js';
import { ledgerConsoleRoutes } from '../modules/ledger/index.js';
import { paymentCallbackRoutes, walletConsoleRoutes, walletMemberRoutes, wechatPayCallbackRoutes } from '../modules/wallet/index.js';
import { suitabilityMemberRoutes } from '../modules/suitability/index.js';
import { notificationsConsoleRoutes, notificationsMemberRoutes, notificationsPublicRoutes } from '../modules/notifications/index.js';
import { charterConsoleRoutes, charterPublicRoutes } from '../modules/charter/index.js';
import { investingConsoleRoutes, investingMemberRoutes, investingPublicRoutes, issuerApiRoutes } from '../modules/investing/index.js';
import { smsConsoleRoutes } from '../modules/sms/index.js';
import { searchMemberRoutes } from '../modules/search/index.js';
import { moderationConsoleRoutes, moderationMemberRoutes, moderationPublicRoutes } from '../modules/moderation/index.js';
import { communityConsoleRoutes, communityMemberRoutes } from '../modules/community/index.js';
import { forumConsoleRoutes, forumMemberRoutes } from '../modules/forum/index.js';
import { liveConsoleRoutes, liveMemberRoutes } from '../modules/live/index.js';
import { communityOpsConsoleRoutes } from '../modules/community-ops/index.js';
import { loyaltyConsoleRoutes, loyaltyMemberRoutes } from '../modules/loyalty/index.js';
import { growthConsoleRoutes, growthMemberRoutes } from '../modules/growth/index.js';
import { analyticsConsoleRoutes, analyticsMemberRoutes } from '../modules/analytics/index.js';
import { riskConsoleRoutes, riskMemberRoutes } from '../modules/risk/index.js';
import { realtimeConsoleRoutes, realtimeMemberRoutes } from '../modules/realtime/index.js';
import { newbieConsoleRoutes, newbieMemberRoutes, newbiePublicRoutes } from '../modules/newbie/index.js';
import { lotteryConsoleRoutes, lotteryMemberRoutes } from '../modules/lottery/index.js';
import { mallConsoleRoutes, mallMemberRoutes } from '../modules/mall/index.js';
import { referralMemberRoutes } from '../modules/referral/index.js';
import { installRealtimeEndpoint, RealtimeHub } from '../platform/realtime/index.js';
import type { Platform } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { installAccessControl } from '../platform/http/access.js';
import { createAuth } from '../platform/http/auth.js';
import { installCsrfProtection } from '../platform/http/csrf.js';
import { installErrorHandling, sendError } from '../platform/http/error-handler.js';
import { installMetrics } from '../platform/http/metrics.js';
import { requestLogOptions } from '../platform/http/request-log.js';
import { installSecurityHeaders } from '../platform/http/security-headers.js';
import { createSerializerCompiler } from '../platform/http/serializer.js';
import { installTextGuard } from '../platform/http/text-guard.js';
import type { HttpApp } from '../platform/http/types.js';
import type { Modules } from './modules.js';
import { realtimeSessionCheck, revalidateSocketsOnChange } from './realtime-sessions.js';

/** Request logs carry method, route and status; never bodies, headers or query strings with personal data. */
const serializers = {
  req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
};

export async function buildHttpApp(
  platform: Platform,
  modules: Modules,
  logger: Logger,
  options: { rateLimitNamespace?: string | undefined } = {},
): Promise<HttpApp> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: logger.child({}, { serializers }) as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === '1',
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    ...requestLogOptions(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createSerializerCompiler());
  installErrorHandling(app);

  installSecurityHeaders(app, { https: config.secureCookies });
  await app.register(cors, { origin: config.allowedOrigins, credentials: true });
  await app.register(cookie);
  await app.register(rateLimit, {
    max: config.globalRateLimit,
    timeWindow: '1 minute',
    // The x-ratelimit-* trio only on a refusal (with Retry-After): on every other response they are
    // ~80 bytes nobody reads, a measurable share of a cached GET /me.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    // With Redis the counters are shared, so a client cannot multiply its limit by switching instance.
    ...(platform.redis ? { redis: platform.redis, nameSpace: `quanzi-rate-limit:${options.rateLimitNamespace ?? ''}` } : {}),
    errorResponseBuilder: (_request, context) => {
      const err = new AppError('RATE_LIMITED', { seconds: Math.ceil(context.ttl / 1000) });
      return Object.assign(err, { statusCode: 429 });
    },
  });
  installCsrfProtection(app, config.allowedOrigins);
  const auth = createAuth({
    member: (token) => modules.identity.resolveSession(token),
    operator: (token) => modules.operators.resolveSession(token),
  });
  // After CORS, CSRF and the rate limiter, before any route: every /api/v1 route declares who may call it.
  app.decorate('accessTable', installAccessControl(app, auth));
  // Every route, sandboxes included: NUL and unpaired surrogates never reach PostgreSQL.
  installTextGuard(app);
  installMetrics(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Quanzi API',
        version: '1.0.0',
        description:
          '圈子 — community-first operating platform for internet-finance services. Errors: {"error":{"code","message"}}; money: strings of integer fen.',
      },
      components: {
        securitySchemes: {
          member: { type: 'http', scheme: 'bearer', description: 'Member session token (or the qz_session cookie)' },
          operator: { type: 'http', scheme: 'bearer', description: 'Operator session token (or the qz_console cookie)' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/health', { schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(platform.db);
      if (platform.redis) await platform.redis.ping();
      return { status: 'ok', database: 'ok', redis: platform.redis ? 'ok' : 'not configured', role: config.role };
    } catch {
      return sendError(request, reply.code(503), new AppError('INTERNAL'));
    }
  });

  const ctx = { auth, secureCookies: config.secureCookies };
  const idem = { db: platform.db, clock: platform.clock };

  await app.register(
    async (member) => {
      const api = member.withTypeProvider<ZodTypeProvider>();
      identityMemberRoutes(api, ctx, modules.identity);
      realtimeMemberRoutes(api, ctx, modules.realtime);
      walletMemberRoutes(api, ctx, modules.wallet, idem);
      notificationsMemberRoutes(api, ctx, modules.notifications);
      suitabilityMemberRoutes(api, ctx, modules.suitability);
      investingMemberRoutes(api, ctx, modules.investing, idem);
      investingPublicRoutes(api, modules.investing);
      issuerApiRoutes(api, modules.investing);
      charterPublicRoutes(api, modules.charter);
      communityMemberRoutes(api, ctx, modules.community, idem);
      forumMemberRoutes(api, ctx, modules.forum, idem);
      liveMemberRoutes(api, ctx, modules.live);
      analyticsMemberRoutes(api, ctx, modules.analytics);
      riskMemberRoutes(api, ctx, modules.risk);
      moderationMemberRoutes(api, ctx, modules.moderation, idem);
      moderationPublicRoutes(api, modules.moderation);
      searchMemberRoutes(api, ctx, modules.search, (memberId) => modules.community.visibleScopes(memberId));
      paymentCallbackRoutes(member, modules.wallet);
      wechatPayCallbackRoutes(member, modules.wallet, modules.wechatPay);
      notificationsPublicRoutes(api, modules.notifications, modules.sms, config.touch.smsInboundToken);
      loyaltyMemberRoutes(api, ctx, modules.loyalty, idem);
      newbieMemberRoutes(api, ctx, modules.newbie);
      newbiePublicRoutes(api, modules.newbie);
      lotteryMemberRoutes(api, ctx, modules.lottery, idem);
      mallMemberRoutes(api, ctx, modules.mall, idem);
      referralMemberRoutes(api, ctx, modules.referral);
      growthMemberRoutes(api, ctx, modules.growth);
    },
    { prefix: '/api/v1' },
  );
  await app.register(
    async (console) => {
      const api = console.withTypeProvider<ZodTypeProvider>();
      operatorsConsoleRoutes(api, ctx, modules.operators);
      identityConsoleRoutes(api, ctx, modules.identity);
      auditConsoleRoutes(api, ctx, modules.audit);
      smsConsoleRoutes(api, ctx, modules.sms);
      realtimeConsoleRoutes(api, ctx, modules.realtime);
      ledgerConsoleRoutes(api, ctx, modules.ledger);
      walletConsoleRoutes(api, ctx, modules.wallet, idem);
      investingConsoleRoutes(api, ctx, modules.investing, idem);
      charterConsoleRoutes(api, ctx, modules.charter);
      communityConsoleRoutes(api, ctx, modules.community);
      forumConsoleRoutes(api, ctx, modules.forum);
      liveConsoleRoutes(api, ctx, modules.live);
      moderationConsoleRoutes(api, ctx, modules.moderation, idem);
      notificationsConsoleRoutes(api, ctx, modules.notifications);
      communityOpsConsoleRoutes(api, ctx, modules.communityOps);
      loyaltyConsoleRoutes(api, ctx, modules.loyalty, idem);
      newbieConsoleRoutes(api, ctx, modules.newbie);
      lotteryConsoleRoutes(api, ctx, modules.lottery, idem);
      mallConsoleRoutes(api, ctx, modules.mall);
      growthConsoleRoutes(api, ctx, modules.growth);
      analyticsConsoleRoutes(api, ctx, modules.analytics);
      riskConsoleRoutes(api, ctx, modules.risk);
    },
    { prefix: '/api/v1/console' },
  );

  // The sandbox payment gateway: a separate component that Quanzi reaches only over signed HTTP.
  await app.register(modules.sandboxGateway.routes, { prefix: '/sandbox' });
  // The WeChat sandbox (official account + 企业微信 robots), reached by Quanzi only over HTTP.
  await app.register(async (wechat) => modules.wechatSandbox.routes(wechat.withTypeProvider<ZodTypeProvider>()), {
    prefix: '/sandbox/wechat',
  });
  // The WeChat Pay API v3 sandbox, reached by Quanzi's adapter only over signed HTTP.
  await app.register(modules.wechatPaySandbox.routes, { prefix: '/sandbox/wechatpay' });

  const hub = new RealtimeHub(platform.realtime.log, platform.clock, logger, realtimeSessionCheck(modules));
  revalidateSocketsOnChange(modules, hub);
  installRealtimeEndpoint(app, {
    hub,
    tickets: platform.realtime.tickets,
    allowedOrigins: config.allowedOrigins,
    async fromCookie(kind, token) {
      if (kind === 'member') {
        const member = await modules.identity.resolveSession(token);
        return member && { kind: 'member', memberId: member.memberId, sessionId: member.sessionId };
      }
      const op = await modules.operators.resolveSession(token);
      return op && { kind: 'operator', operatorId: op.operatorId, sessionId: op.sessionId, roles: op.roles };
    },
  });
  // Group and live channels: the owning module decides who may listen.
  hub.authorize('group', (principal, id) => modules.community.canSubscribe(principal, id));
  hub.authorize('live', (principal, id) => modules.live.canSubscribe(principal, id));
  hub.start();
  // Before the server stops accepting: tell socket clients to reconnect elsewhere.
  app.addHook('preClose', async () => hub.shutdown());
  app.decorate('realtimeHub', hub);

  if (config.webRoot) serveWebApps(app, config.webRoot);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's real-time hub (sockets, channels); for tests and diagnostics. */
    realtimeHub: RealtimeHub;
  }
}

/** The built member app at `/` and console at `/console/`, each falling back to its index.html (client routing). */
function serveWebApps(app: HttpApp, webRoot: string): void {
  const memberDir = path.join(webRoot, 'member', 'dist');
  const consoleDir = path.join(webRoot, 'console', 'dist');
  const has = (dir: string) => fs.existsSync(path.join(dir, 'index.html'));
  if (has(consoleDir)) {
    app.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root: consoleDir,
        prefix: '/console/',
        decorateReply: false,
        wildcard: false,
        index: 'index.html',
      });
      scope.get('/console', (_req, reply) => reply.redirect('/console/'));
      scope.get('/console/*', (_req, reply) => reply.type('text/html').send(fs.createReadStream(path.join(consoleDir, 'index.html'))));
    });
  }
  if (has(memberDir)) {
    app.register(async (scope) => {
      await scope.register(fastifyStatic, { root: memberDir, prefix: '/', wildcard: false, index: 'index.html' });
      scope.get('/*', (request, reply) => {
        if (request.url.startsWith('/api/')) return sendError(request, reply, new AppError('NOT_FOUND'));
        return reply.type('text/html').send(fs.createReadStream(path.join(memberDir, 'index.html')));
      });
    });
  }
}
