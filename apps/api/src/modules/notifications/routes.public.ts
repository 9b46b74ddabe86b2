import { ErrorBody } from '@quanzi/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { HttpApp } from '../../platform/http/types.js';
import type { SmsModule } from '../sms/index.js';
import { parseAliyunInbound } from '../sms/index.js';
import type { NotificationsModule } from './index.js';

const tags = ['public: notifications'];

/**
 * Unauthenticated doors: RFC 8058 one-click unsubscribe (the signed token is the credential) and the
 * SMS providers' inbound push (回T退订), Aliyun's format, guarded by SMS_INBOUND_TOKEN.
 */
export function notificationsPublicRoutes(
  parent: HttpApp,
  touch: NotificationsModule,
  sms: Pick<SmsModule, 'texts'>,
  inboundToken: string | undefined,
): void {
  void parent.register(async (scope) => {
    // Mail clients post the RFC 8058 body as a form ("List-Unsubscribe=One-Click"); only here.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) =>
      done(null, body),
    );
    routes(scope, touch, sms, inboundToken);
  });
}

function routes(app: HttpApp, touch: NotificationsModule, sms: Pick<SmsModule, 'texts'>, inboundToken: string | undefined): void {
  const Token = z.object({ token: z.string().min(10).max(100) });
  app.post(
    '/unsubscribe/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One-click unsubscribe (List-Unsubscribe-Post: List-Unsubscribe=One-Click) from a topic on a channel',
        params: Token,
        body: z.unknown().optional(),
        response: { 200: z.object({ unsubscribed: z.object({ topic: z.string(), channel: z.string() }) }), 404: ErrorBody },
      },
    },
    async (request) => ({ unsubscribed: await touch.oneClickUnsubscribe(request.params.token) }),
  );
  app.get(
    '/unsubscribe/:token',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The unsubscribe link opened in a browser: a page with one button', params: Token, hide: true },
    },
    async (request, reply) => {
      const t = request.params.token.replace(/[^A-Za-z0-9._-]/g, '');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>退订</title>` +
            `<form method="post" action="/api/v1/unsubscribe/${t}" style="font:16px system-ui;margin:3em auto;max-width:28em">` +
            `<p>确认不再通过此渠道接收这类消息？交易与账户安全通知不受影响。</p><button>确认退订</button></form>`,
        );
    },
  );
  app.post(
    '/sms/inbound/:provider',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Inbound SMS push from the provider (Aliyun 上行短信 JSON array); a reply of T unsubscribes from marketing SMS',
        params: z.object({ provider: z.enum(['aliyun', 'sandbox']) }),
        querystring: z.object({ token: z.string().max(200).optional() }),
        body: z.unknown(),
        response: { 200: z.object({ code: z.number(), msg: z.string() }), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { provider } = request.params;
      // The sandbox door is open only while the sandbox provider is the one sending; Aliyun's needs the shared token.
      if (provider === 'sandbox' && sms.texts.name !== 'sandbox') throw new AppError('NOT_FOUND');
      if (provider === 'aliyun' && (!inboundToken || request.query.token !== inboundToken)) throw new AppError('UNAUTHENTICATED');
      for (const m of parseAliyunInbound(request.body)) await touch.handleInboundSms(m.phone, m.content);
      return { code: 0, msg: '成功' };
    },
  );
}
