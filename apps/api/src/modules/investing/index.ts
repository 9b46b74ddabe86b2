import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/connect.js';
import type { OperatorPrincipal, RequestMeta } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { LedgerModule } from '../ledger/index.js';
import { accrueDemandEarnings } from './accrue-demand-earnings.js';
import {
  listForConsole,
  listForMembers,
  newbieProductsForMembers,
  productForConsole,
  productForMember,
  presentProducts,
} from './catalogue.js';
import { declareFixedReturn, declareYield, operatorDeclarer } from './declare-returns.js';
import { createIssuerKey, verifyIssuerRequest, type IssuerHeaders } from './issuer-api.js';
import type { InvestingDeps, SuitabilityGate } from './deps.js';
import { disclosure, snapshotMonth } from './disclosure.js';
import { expireExperience, grantExperience, grantExperienceIn } from './experience-money.js';
import type { CouponPort } from './ports.js';
import type { Tx } from '../../platform/db/connect.js';
import { consoleHoldings, consoleOrders, memberEarnings, memberHolding, memberHoldings, productYields } from './holdings.js';
import { changeNewbieOnly, changeProductStatus, createIssuer, createProduct, type ProductInput } from './manage-catalogue.js';
import { matureFixedHoldings } from './mature-fixed-holdings.js';
import { purchase, type PurchaseInput } from './purchase.js';
import { redeem, redemptionsOfHolding, settleDueRedemptions } from './redeem.js';
import * as repo from './repo.js';
import { seedDemoCatalogue, seedDemoNewbieProduct } from './seed-demo-catalogue.js';

export { investingMemberRoutes } from './routes.member.js';
export { investingConsoleRoutes } from './routes.console.js';
export { investingPublicRoutes } from './routes.public.js';
export { issuerApiRoutes } from './routes.issuer.js';
export type { SuitabilityGate } from './deps.js';
export type { CouponPort } from './ports.js';

export function createInvestingModule(
  platform: Platform,
  modules: { audit: AuditModule; identity: IdentityModule; ledger: LedgerModule; suitability: SuitabilityGate },
) {
  const deps: InvestingDeps = {
    db: platform.db,
    clock: platform.clock,
    outbox: platform.outbox,
    logger: platform.logger,
    ledger: modules.ledger,
    identity: modules.identity,
    audit: modules.audit,
    suitability: modules.suitability,
    vault: platform.vault,
  };
  // Money still invested blocks account closure.
  modules.identity.registerClosureCheck('investing', async (memberId) => {
    const { total } = await repo.listHoldings(deps.db, { memberId, active: true }, 0, 1);
    return total > 0 ? '仍有理财持仓，请到期或赎回后再注销' : null;
  });
  return {
    products: (type: 'demand' | 'fixed' | undefined, page: number, pageSize: number) => listForMembers(deps, type, page, pageSize),
    product: (id: string, db?: Executor) => productForMember(deps, id, db),
    purchase: (memberId: string, input: PurchaseInput, client: RequestMeta, requestKey?: string) =>
      purchase(deps, memberId, input, client, requestKey ?? null),
    holdings: (memberId: string, active: boolean, page: number, pageSize: number) => memberHoldings(deps, memberId, active, page, pageSize),
    holding: (memberId: string, id: string) => memberHolding(deps, memberId, id),
    redeem: (memberId: string, holdingId: string, input: { amount: unknown }) => redeem(deps, memberId, holdingId, input),
    redemptions: (memberId: string, holdingId: string) => redemptionsOfHolding(deps, memberId, holdingId),
    earnings: (memberId: string, days: number) => memberEarnings(deps, memberId, days),
    disclosure: () => disclosure(deps),

    issuers: async () =>
      (await repo.listIssuers(deps.db)).map((i) => ({
        id: i.id,
        name: i.name,
        kind: i.kind,
        licenseNo: i.license_no,
        custodian: i.custodian,
        createdAt: i.created_at.toISOString(),
      })),
    createIssuer: (op: OperatorPrincipal, input: Parameters<typeof createIssuer>[2], ip: string | null) =>
      createIssuer(deps, op, input, { ip }),
    async createProduct(op: OperatorPrincipal, input: ProductInput, ip: string | null) {
      const row = await createProduct(deps, op, input, { ip });
      return (await presentProducts(deps, [row]))[0]!;
    },
    async changeProductStatus(
      op: OperatorPrincipal,
      id: string,
      input: { status: 'on_sale' | 'closed'; reason: string },
      ip: string | null,
    ) {
      const row = await changeProductStatus(deps, op, id, input, { ip });
      return (await presentProducts(deps, [row]))[0]!;
    },
    async changeNewbieOnly(op: OperatorPrincipal, id: string, input: { newbieOnly: boolean; reason: string }, ip: string | null) {
      const row = await changeNewbieOnly(deps, op, id, input, { ip });
      return (await presentProducts(deps, [row]))[0]!;
    },
    /** The newbie zone's products (newbie-only, on sale or sold out), newest first. */
    newbieProducts: (page: number, pageSize: number) => newbieProductsForMembers(deps, page, pageSize),
    /** How many cash purchases a member ever made (首投 = 1, 复投 = 2+); pass `db` inside a transaction. */
    cashInvestmentCount: (memberId: string, db?: Executor) => repo.cashOrderCount(db ?? deps.db, memberId),
    consoleProducts: (
      filter: { status?: repo.ProductRow['status'] | undefined; type?: 'demand' | 'fixed' | undefined },
      page: number,
      pageSize: number,
    ) => listForConsole(deps, filter, page, pageSize),
    consoleProduct: (id: string) => productForConsole(deps, id),
    /** What marketing compliance checks of the named products (those that exist): name, risk level, risk warning. */
    async promotionFacts(ids: readonly string[], executor?: Executor) {
      return (await repo.findProducts(executor ?? deps.db, ids)).map((p) => ({
        id: p.id,
        name: p.name,
        riskLevel: p.risk_level,
        riskWarning: String((p.disclosures as { riskWarning?: unknown } | null)?.riskWarning ?? ''),
      }));
    },
    declareYield: (op: OperatorPrincipal, productId: string, input: { day: string; per10k: string }, ip: string | null) =>
      declareYield(deps, operatorDeclarer(op), productId, input, ip),
    createIssuerKey: (op: OperatorPrincipal, issuerId: string, ip: string | null) => createIssuerKey(deps, op, issuerId, ip),
    /** The issuer's own API: verify the HMAC signature, then declare as that issuer (only its own products). */
    async declareYieldAsIssuer(headers: IssuerHeaders, body: { productId: string; day: string; per10k: string }, ip: string | null) {
      const issuer = await verifyIssuerRequest(deps, headers, body);
      return declareYield(deps, { type: 'issuer', issuerId: issuer.issuerId, name: issuer.name }, body.productId, body, ip);
    },
    declareFixedReturn: (op: OperatorPrincipal, productId: string, input: { maturityDate: string; actualBps: number }, ip: string | null) =>
      declareFixedReturn(deps, op, productId, input, ip),
    yields: (productId: string) => productYields(deps, productId),
    consoleHoldings: (filter: { memberId?: string | undefined; productId?: string | undefined }, page: number, pageSize: number) =>
      consoleHoldings(deps, filter, page, pageSize),
    consoleOrders: (filter: { memberId?: string | undefined; productId?: string | undefined }, page: number, pageSize: number) =>
      consoleOrders(deps, filter, page, pageSize),
    /** Campaigns call this; `grantKey` makes each grant happen once. */
    grantExperience: (
      input: { memberId: string; amount: unknown; days: number; reason: string; grantKey: string },
      audit?: { operatorId: string; name: string; ip: string | null },
    ) => grantExperience(deps, input, audit),
    /** The same on the caller's transaction (growth's campaign effects). */
    grantExperienceIn: (trx: Tx, input: { memberId: string; amount: bigint; days: number; reason: string; grantKey: string }) =>
      grantExperienceIn(deps, trx, input),
    /** Growth provides coupons at checkout (a port, so investing never imports growth). */
    attachCoupons(port: CouponPort) {
      deps.coupons = port;
    },

    accrueDemandEarnings: (now: Date) => accrueDemandEarnings(deps, now),
    matureFixedHoldings: (now: Date) => matureFixedHoldings(deps, now),
    settleDueRedemptions: (now: Date) => settleDueRedemptions(deps, now),
    expireExperience: (now: Date) => expireExperience(deps, now),
    snapshotDisclosure: (now: Date) => snapshotMonth(deps, now),
    seedDemo: () => seedDemoCatalogue(deps),
    /** The demo's newbie-only product (the newbie module's demo seed asks for it). */
    seedDemoNewbieProduct: () => seedDemoNewbieProduct(deps),
  };
}
export type InvestingModule = ReturnType<typeof createInvestingModule>;
