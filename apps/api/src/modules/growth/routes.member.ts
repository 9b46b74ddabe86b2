import { Coupon, ErrorBody, PageQuery, pageOf } from '@quanzi/contracts';
import { z } from 'zod';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { GrowthModule } from './index.js';

const tags = ['growth'];
const errors = { 400: ErrorBody, 401: ErrorBody };

export function growthMemberRoutes(app: HttpApp, { auth }: RouteContext, growth: GrowthModule): void {
  app.get(
    '/me/coupons',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Your coupons (加息券, 满减), newest first',
        querystring: PageQuery,
        response: { 200: pageOf(Coupon), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return growth.coupons(memberId, request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/me/badges',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Badges campaigns gave you',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), grantedAt: z.string() })) }), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return { items: await growth.badges(memberId) };
    },
  );
}
