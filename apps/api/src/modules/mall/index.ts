import type { CreateMallItem, CreateMallOrder, ShipRequest } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { LotteryModule, PointsPort } from '../lottery/index.js';
import type { MallDeps, MallGrantHandler } from './deps.js';
import { myOrder, myOrders, placeOrder } from './exchange.js';
import { consoleOrders, createItem, listItems, memberItem, moveOrder, updateItem } from './manage-items.js';
import type { OrderStatus } from './repo.js';

export { mallMemberRoutes } from './routes.member.js';
export { mallConsoleRoutes } from './routes.console.js';
export type { MallGrantHandler } from './deps.js';

const SUBSCRIBER = 'mall';

/**
 * Points mall (积分商城): items with stock and per-member limits, exchanges paid in points through
 * loyalty (Idempotency-Key on the order), physical items shipped (address, status from the console),
 * virtual items granted at once: lottery chances, experience money (investing, by an outbox event
 * keyed by the order) or coupons (a handler the growth module registers).
 */
export function createMallModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'vault'>,
  modules: {
    audit: AuditModule;
    investing: Pick<InvestingModule, 'grantExperience'>;
    lottery: Pick<LotteryModule, 'grantChances' | 'consoleWheel'>;
    points: () => Pick<PointsPort, 'spend'>;
  },
) {
  const deps: MallDeps = { ...platform, ...modules, couponHandler: { current: null } };
  return {
    /** The growth module registers how a coupon item is granted (in the exchange's transaction). */
    registerCouponGrant(handler: MallGrantHandler, problem?: (couponRef: string) => Promise<string | null>) {
      deps.couponHandler.current = handler;
      deps.couponHandler.problem = problem;
    },
    subscribe() {
      platform.outbox.subscribe('mall.experience_exchanged', SUBSCRIBER, async (event) => {
        const p = event.payload as { orderId: string; memberId: string; amount: string; days: number; name: string };
        await modules.investing.grantExperience({
          memberId: p.memberId,
          amount: p.amount,
          days: p.days,
          reason: `积分兑换：${p.name}`,
          grantKey: `mall:${p.orderId}`,
        });
      });
    },
    items: (page: number, pageSize: number) => listItems(deps, true, page, pageSize),
    item: (id: string) => memberItem(deps, id),
    order: (memberId: string, input: CreateMallOrder, key: string) => placeOrder(deps, memberId, input, key),
    myOrders: (memberId: string, page: number, pageSize: number) => myOrders(deps, memberId, page, pageSize),
    myOrder: (memberId: string, id: string) => myOrder(deps, memberId, id),
    consoleItems: (page: number, pageSize: number) => listItems(deps, false, page, pageSize),
    createItem: (op: OperatorPrincipal, input: CreateMallItem, ip: string | null) => createItem(deps, op, input, ip),
    updateItem: (
      op: OperatorPrincipal,
      id: string,
      patch: { status?: 'on_sale' | 'off_sale' | undefined; addStock?: number | undefined },
      ip: string | null,
    ) => updateItem(deps, op, id, patch, ip),
    consoleOrders: (status: OrderStatus | undefined, page: number, pageSize: number) => consoleOrders(deps, status, page, pageSize),
    ship: (op: OperatorPrincipal, id: string, input: ShipRequest, ip: string | null) => moveOrder(deps, op, id, 'shipped', input, ip),
    deliver: (op: OperatorPrincipal, id: string, ip: string | null) => moveOrder(deps, op, id, 'delivered', {}, ip),
  };
}
export type MallModule = ReturnType<typeof createMallModule>;
