import { BindReferral, ErrorBody, ReferralSummary } from '@quanzi/contracts';
import { z } from 'zod';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { ReferralModule } from './index.js';

const tags = ['member: referral'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };

export function referralMemberRoutes(app: HttpApp, { auth }: RouteContext, referral: ReferralModule): void {
  app.get(
    '/me/referral',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Your code, link, counts, rewards and refused referrals with reasons',
        response: { 200: ReferralSummary, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return referral.summary(memberId);
    },
  );

  app.get(
    '/me/referral/poster.png',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Your invite poster (PNG: QR of your link and your code)' },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      const png = await referral.poster(memberId);
      return reply
        .header('cache-control', 'private, max-age=3600')
        .header('content-security-policy', "default-src 'none'")
        .type('image/png')
        .send(png);
    },
  );

  app.post(
    '/me/referral/bind',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: "Enter an inviter's code (within 7 days of registering, once)",
        body: BindReferral,
        response: { 200: z.object({ status: z.enum(['pending', 'rewarded', 'refused', 'expired']) }), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return referral.bind(memberId, request.body.code);
    },
  );
}
