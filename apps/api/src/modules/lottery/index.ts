import type { CreateWheel, ShippingAddress, ShipRequest } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repo.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { LotteryDeps, PointsPort, PrizeCheck, PrizeHandler } from './deps.js';
import { drawOnce, myDraws, setAddress } from './draw.js';
import { changeWheelStatus, consoleWheel, consoleWheels, createWheel } from './manage-wheels.js';
import { consoleDraws, consoleGrantChances, drawRecord, grantChancesIn, memberWheel, openWheels, shipDraw } from './record.js';

export { lotteryMemberRoutes } from './routes.member.js';
export { lotteryConsoleRoutes } from './routes.console.js';
export { verifyRecord, rollNumber, rolledPosition, commitmentOf } from './fairness.js';
export type { PointsPort, PrizeHandler, PrizeGrant } from './deps.js';

const SUBSCRIBER = 'lottery';

/**
 * Lottery wheels (抽奖): weighted prizes with stock never oversold, a guaranteed prize after N misses,
 * chances granted by campaigns (`grantChances`) or a points cost per draw, prizes in points (loyalty),
 * coupons (a handler the growth module registers through `prizeHandlers`), experience money
 * (investing, from an outbox event keyed by the draw) and physical goods (address, shipping), and a
 * public draw record that proves the weights (commitment before, seed after).
 */
export function createLotteryModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'vault'>,
  modules: {
    audit: AuditModule;
    investing: Pick<InvestingModule, 'grantExperience'>;
    points: () => PointsPort;
    lotteryWeight?: (memberId: string, db: Tx) => Promise<number>;
  },
) {
  const deps: LotteryDeps = {
    db: platform.db,
    clock: platform.clock,
    outbox: platform.outbox,
    vault: platform.vault,
    audit: modules.audit,
    investing: modules.investing,
    points: modules.points,
    lotteryWeight: modules.lotteryWeight ?? (async () => 100),
    prizeHandlers: new Map(),
    prizeChecks: new Map(),
  };
  return {
    /** Other modules add prize kinds' grants here (growth: `coupon`), in the draw's transaction. */
    prizeHandlers: {
      register(kind: 'coupon', handler: PrizeHandler, check?: PrizeCheck) {
        deps.prizeHandlers.set(kind, handler);
        if (check) deps.prizeChecks.set(kind, check);
      },
    },
    /** Outbox subscriptions (worker role; tests drain the outbox). */
    subscribe() {
      platform.outbox.subscribe('lottery.experience_won', SUBSCRIBER, async (event) => {
        const p = event.payload as { drawId: string; memberId: string; amount: string; days: number; name: string };
        await modules.investing.grantExperience({
          memberId: p.memberId,
          amount: p.amount,
          days: p.days,
          reason: `抽奖奖品：${p.name}`,
          grantKey: `lottery:${p.drawId}`,
        });
      });
    },
    /** Refuses (WHEEL_INVALID) a wheel that does not exist or is closed: for campaigns naming one. */
    async checkWheel(wheelId: string, db: Executor = platform.db) {
      const wheel = /^[0-9a-f-]{36}$/i.test(wheelId) ? await repo.wheel(db, wheelId) : undefined;
      if (!wheel || wheel.status === 'closed') throw new AppError('WHEEL_INVALID', { reason: 'unknown or closed wheel' });
    },
    /** Draw chances for campaigns and the mall, once per `ref`, in the caller's transaction. */
    grantChances: (trx: Tx, input: { memberId: string; wheelId: string; count: number; ref: string }) => grantChancesIn(trx, deps, input),
    draw: (memberId: string, wheelId: string, key: string) => drawOnce(deps, memberId, wheelId, key),
    wheel: (memberId: string, wheelId: string) => memberWheel(deps, memberId, wheelId),
    openWheels: (memberId: string) => openWheels(deps, memberId),
    myDraws: (memberId: string, page: number, pageSize: number) => myDraws(deps, memberId, page, pageSize),
    setAddress: (memberId: string, drawId: string, address: ShippingAddress) => setAddress(deps, memberId, drawId, address),
    record: (wheelId: string, page: number, pageSize: number) => drawRecord(deps, wheelId, page, pageSize),
    createWheel: (op: OperatorPrincipal, input: CreateWheel, ip: string | null) => createWheel(deps, op, input, ip),
    changeStatus: (op: OperatorPrincipal, id: string, to: 'open' | 'closed', ip: string | null) => changeWheelStatus(deps, op, id, to, ip),
    consoleWheels: (page: number, pageSize: number) => consoleWheels(deps, page, pageSize),
    consoleWheel: (id: string) => consoleWheel(deps, id),
    consoleGrantChances: (
      op: OperatorPrincipal,
      wheelId: string,
      input: { memberId: string; count: number; reason: string },
      key: string,
      ip: string | null,
    ) => consoleGrantChances(deps, op, wheelId, input, key, ip),
    consoleDraws: (wheelId: string, onlyPhysical: boolean, page: number, pageSize: number) =>
      consoleDraws(deps, wheelId, onlyPhysical, page, pageSize),
    ship: (op: OperatorPrincipal, drawId: string, input: ShipRequest, ip: string | null) => shipDraw(deps, op, drawId, input, ip),
  };
}
export type LotteryModule = ReturnType<typeof createLotteryModule>;

/**
 * The campaign effect `lottery_chances` for growth's effect registry (structurally its
 * `EffectHandler`): at the composition root, `growth.registerEffect('lottery_chances', lotteryChancesEffect(lottery))`.
 */
export function lotteryChancesEffect(lottery: Pick<LotteryModule, 'grantChances' | 'checkWheel'>) {
  return {
    async apply(ctx: { trx: Tx; memberId: string; key: string }, effect: { wheelId: string; count: number }): Promise<string> {
      const { granted } = await lottery.grantChances(ctx.trx, {
        memberId: ctx.memberId,
        wheelId: effect.wheelId,
        count: effect.count,
        ref: ctx.key,
      });
      return granted ? `抽奖次数 ×${effect.count}` : `抽奖次数 ×${effect.count}（已发放）`;
    },
    check: (db: Executor, effect: { wheelId: string }) => lottery.checkWheel(effect.wheelId, db),
  };
}
