import type { FastifyInstance } from 'fastify';
import type { WechatPayGateway } from '../../platform/payments/wechatpay/index.js';
import type { WalletModule } from './index.js';

/**
 * `POST /api/v1/payments/callbacks/wechat`: WeChat Pay v3's notification (payments, refunds,
 * 商家转账 batches) — a JSON body whose resource is AEAD_AES_256_GCM-encrypted, signed in the
 * `Wechatpay-*` headers. The body is kept exactly as received (the signature covers its bytes)
 * and handed with the headers to the wallet's callback handling for channel 'wechat': the
 * gateway checks signature, timestamp, nonce and decrypts; a refusal is recorded, a good event is
 * deduplicated by the notification id and applied in one transaction (amount mismatch → held).
 * Answers v3 style: 204 with no body when accepted, 401 `{"code":"FAIL","message"}` otherwise
 * (WeChat Pay then retries).
 */
export function wechatPayCallbackRoutes(app: FastifyInstance, wallet: WalletModule, gateway: WechatPayGateway): void {
  app.register(async (scope) => {
    if (scope.hasContentTypeParser('application/json')) scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => done(null, body));
    scope.post(
      '/payments/callbacks/wechat',
      { schema: { hide: true }, config: { access: 'callback', rateLimit: false } },
      async (request, reply) => {
        const input = {
          params: {},
          headers: request.headers as Record<string, string | undefined>,
          rawBody: typeof request.body === 'string' ? request.body : '',
        };
        const answer = await wallet.handleCallback(gateway.name, input, request.ip);
        if (answer === 'success') return reply.code(204).send();
        const reason = gateway.rejectionReason(input);
        return reply.code(401).send({ code: 'FAIL', message: reason ? `通知未通过校验: ${reason}` : '通知未通过校验' });
      },
    );
  });
}
