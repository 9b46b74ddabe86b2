import type { FastifyInstance } from 'fastify';
import type { WalletModule } from './index.js';

/**
 * `POST /api/v1/payments/callbacks/alipay`: Alipay's asynchronous notification (trade_status_sync for
 * payments and refunds, alipay.fund.trans.order.changed for payouts), form-encoded and RSA2-signed.
 * The only route that accepts form bodies; it answers in plain text (`success` or `fail`) because
 * that is what Alipay reads — anything but `success` makes it retry.
 */
export function paymentCallbackRoutes(app: FastifyInstance, wallet: WalletModule): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, { raw: body as string, params: Object.fromEntries(new URLSearchParams(body as string)) });
    });
    scope.post(
      '/payments/callbacks/alipay',
      { schema: { hide: true }, config: { access: 'callback', rateLimit: false } },
      async (request, reply) => {
        const body = request.body as { raw?: unknown; params?: unknown } | undefined;
        const params = (body && typeof body.params === 'object' && body.params ? body.params : {}) as Record<string, string>;
        const answer = await wallet.handleCallback(
          'alipay',
          {
            params,
            headers: request.headers as Record<string, string | undefined>,
            rawBody: typeof body?.raw === 'string' ? body.raw : '',
          },
          request.ip,
        );
        return reply
          .code(answer === 'success' ? 200 : 400)
          .type('text/plain; charset=utf-8')
          .send(answer);
      },
    );
  });
}
