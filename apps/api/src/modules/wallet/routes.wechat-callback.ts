import type { FastifyInstance } from 'fastify';
import type { PaymentGateway } from '../../platform/payments/gateway.js';
import type { RefundEvent, WechatPayGateway } from '../../platform/payments/wechatpay/index.js';
import type { WalletModule } from './index.js';

const FAIL = (message: string) => ({ code: 'FAIL', message });

export interface WechatCallbackOptions {
  /** Refund notifications (REFUND.SUCCESS / ABNORMAL / CLOSED), once the wallet handles refunds. Without it they are answered FAIL and WeChat Pay retries. */
  onRefund?: (event: RefundEvent, params: Record<string, string>, ip: string | null) => Promise<'success' | 'fail'>;
}

/**
 * `POST /api/v1/payments/callbacks/wechat`: WeChat Pay v3's notification — a JSON body whose
 * resource is AEAD_AES_256_GCM-encrypted, signed in the `Wechatpay-*` headers. The body is kept as
 * received (the signature covers its bytes). The gateway checks signature, timestamp, nonce and
 * decrypts; the wallet's own callback handling then records a refusal, or deduplicates by the
 * notification id and applies the event in one transaction (amount mismatch → held), exactly as
 * for Alipay. Answers v3 style: 204 with no body when accepted, `{"code":"FAIL","message"}` with
 * 4xx/5xx otherwise (WeChat Pay then retries).
 */
export function wechatPayCallbackRoutes(
  app: FastifyInstance,
  wallet: WalletModule,
  gateway: WechatPayGateway,
  options: WechatCallbackOptions = {},
): void {
  app.register(async (scope) => {
    if (scope.hasContentTypeParser('application/json')) scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => done(null, body));
    scope.post(
      '/payments/callbacks/wechat',
      { schema: { hide: true }, config: { access: 'callback', rateLimit: false } },
      async (request, reply) => {
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === 'string' ? v : '';
        };
        const params: Record<string, string> = {
          'wechatpay-timestamp': header('wechatpay-timestamp'),
          'wechatpay-nonce': header('wechatpay-nonce'),
          'wechatpay-signature': header('wechatpay-signature'),
          'wechatpay-serial': header('wechatpay-serial'),
          body: typeof request.body === 'string' ? request.body : '',
        };
        const check = await gateway.checkNotification(params);
        if (check.ok && check.event.kind === 'refund') {
          if (!options.onRefund) return reply.code(500).send(FAIL('退款通知暂未接入'));
          const answer = await options.onRefund(check.event, params, request.ip);
          return answer === 'success' ? reply.code(204).send() : reply.code(500).send(FAIL('处理失败'));
        }
        // The wallet's handling, with the word already checked: a refusal is recorded there, a good event applied once.
        const checked: PaymentGateway = {
          ...gateway,
          name: gateway.name,
          verifyCallback: async () => (check.ok && check.event.kind !== 'refund' ? check.event : null),
        };
        const answer = await wallet.handleCallbackFrom(checked, params, request.ip);
        if (answer === 'success') return reply.code(204).send();
        return reply.code(401).send(FAIL(check.ok ? '处理失败' : `通知未通过校验: ${check.reason}`));
      },
    );
  });
}
