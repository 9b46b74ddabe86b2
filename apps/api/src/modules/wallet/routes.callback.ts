import type { FastifyInstance } from 'fastify';
import type { WalletModule } from './index.js';

/**
 * `POST /api/v1/payments/callbacks/sandbox`: the gateway's form-encoded, RSA2-signed notification.
 * The only route that accepts form bodies; it answers in plain text (`success` or `fail`) because
 * that is what the gateway reads.
 */
export function paymentCallbackRoutes(app: FastifyInstance, wallet: WalletModule): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.post(
      '/payments/callbacks/sandbox',
      { schema: { hide: true }, config: { access: 'callback', rateLimit: false } },
      async (request, reply) => {
        const params = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, string>;
        const answer = await wallet.handleCallback(params, request.ip);
        return reply
          .code(answer === 'success' ? 200 : 400)
          .type('text/plain; charset=utf-8')
          .send(answer);
      },
    );
  });
}
