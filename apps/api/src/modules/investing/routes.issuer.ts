import { DeclareYieldRequest, ErrorBody } from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp } from '../../platform/http/types.js';
import type { InvestingModule } from './index.js';

const header = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/**
 * The issuers' own API (`/api/v1/issuer-api`): an issuer posts the 万份收益 of its products, signed
 * with its key — `X-Quanzi-Key`, `X-Quanzi-Timestamp` (ms), `X-Quanzi-Signature` =
 * hex HMAC-SHA256(secret, timestamp + "\n" + JSON body with sorted keys).
 */
export function issuerApiRoutes(app: HttpApp, investing: InvestingModule): void {
  app.post(
    '/issuer-api/yields',
    {
      schema: {
        tags: ['issuer API'],
        summary: "Declare a demand product's 万份收益 for a day (HMAC-signed by the issuer)",
        body: DeclareYieldRequest.extend({ productId: z.uuid() }).strict(),
        response: {
          200: z.object({ productId: z.string(), day: z.string(), per10k: z.string() }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) =>
      investing.declareYieldAsIssuer(
        {
          keyId: header(request.headers['x-quanzi-key']),
          timestamp: header(request.headers['x-quanzi-timestamp']),
          signature: header(request.headers['x-quanzi-signature']),
        },
        request.body,
        requestMeta(request).ip,
      ),
  );
}
