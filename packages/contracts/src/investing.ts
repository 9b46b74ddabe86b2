import { z } from 'zod';
import { AmountInput } from './wallet.js';
import { Fen, Timestamp } from './common.js';

export const RiskLevel = z.number().int().min(1).max(5);
export const ProductType = z.enum(['demand', 'fixed']);
export const ProductStatus = z.enum(['draft', 'on_sale', 'sold_out', 'closed']);
export const IssuerKind = z.enum(['wealth_management', 'fund', 'insurance', 'trust']);

export const Issuer = z.object({
  id: z.string(),
  name: z.string(),
  kind: IssuerKind,
  licenseNo: z.string(),
  custodian: z.string(),
  createdAt: Timestamp,
});
export type Issuer = z.infer<typeof Issuer>;
export const CreateIssuerRequest = z.strictObject({
  name: z.string().trim().min(2).max(64),
  kind: IssuerKind,
  licenseNo: z.string().trim().min(2).max(64),
  custodian: z.string().trim().min(2).max(64),
});

/** What the contract and every page say about a product; all required before it can go on sale. */
export const ProductDisclosures = z.strictObject({
  underlyingAssets: z.string().trim().min(2).max(2000),
  custodian: z.string().trim().min(2).max(200),
  fees: z.string().trim().min(2).max(1000),
  riskWarning: z.string().trim().min(10).max(4000),
  contractUrl: z.string().trim().max(500).optional(),
});
export type ProductDisclosures = z.infer<typeof ProductDisclosures>;

export const Product = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  issuer: z.object({ id: z.string(), name: z.string(), kind: IssuerKind, custodian: z.string() }),
  type: ProductType,
  riskLevel: RiskLevel,
  /** 业绩比较基准, annualised, basis points (350 = 3.50%): a reference, not a promise. */
  benchmarkBps: z.number().int(),
  termMinDays: z.number().int().nullable(),
  termMaxDays: z.number().int().nullable(),
  minAmount: Fen,
  maxPerPerson: Fen,
  totalQuota: Fen,
  remainingQuota: Fen,
  t0DailyLimit: Fen,
  experienceAllowed: z.boolean(),
  /** 新手专享: only members without a prior investment may buy it. */
  newbieOnly: z.boolean(),
  saleStartsAt: Timestamp,
  saleEndsAt: Timestamp,
  status: ProductStatus,
  /** On sale right now: status on_sale and inside the sales window. */
  purchasable: z.boolean(),
  disclosures: ProductDisclosures,
  contractVersion: z.string(),
  /** Latest declared 万份收益 for demand products, yuan with 4 decimals as a string ("0.6512"). */
  latestYieldPer10k: z.object({ day: z.string(), value: z.string() }).nullable(),
});
export type Product = z.infer<typeof Product>;

const ProductFields = {
  code: z.string().regex(/^[A-Z0-9-]{3,24}$/),
  name: z.string().trim().min(2).max(40),
  issuerId: z.uuid(),
  type: ProductType,
  riskLevel: RiskLevel,
  benchmarkBps: z.number().int().min(0).max(5000),
  termMinDays: z.number().int().min(1).max(3650).nullable().optional(),
  termMaxDays: z.number().int().min(1).max(3650).nullable().optional(),
  minAmount: AmountInput,
  maxPerPerson: AmountInput,
  totalQuota: AmountInput,
  t0DailyLimit: AmountInput.optional(),
  experienceAllowed: z.boolean().default(false),
  newbieOnly: z.boolean().default(false),
  saleStartsAt: Timestamp,
  saleEndsAt: Timestamp,
  disclosures: ProductDisclosures,
  contractVersion: z.string().trim().min(1).max(32),
};
export const CreateProductRequest = z.strictObject(ProductFields);
export const ProductStatusChange = z.strictObject({ status: z.enum(['on_sale', 'closed']), reason: z.string().trim().min(1).max(200) });

export const ProductNewbieOnlyChange = z.strictObject({ newbieOnly: z.boolean(), reason: z.string().trim().min(1).max(200) });

export const PurchaseRequest = z.strictObject({
  productId: z.uuid(),
  amount: AmountInput,
  termDays: z.number().int().min(1).max(3650).optional(),
  paymentPassword: z.string().max(16),
  fundedBy: z.enum(['cash', 'experience']).default('cash'),
  /** The member ticked "I have read the risk disclosure and the contract" for this version. */
  acceptedContractVersion: z.string().max(32),
  /** Where the purchase came from, e.g. `group:<id>:message:<id>`, `campaign:<id>`, `push:<id>`. */
  source: z.string().max(120).optional(),
  /** A coupon from GET /me/coupons (cash purchases only). */
  couponId: z.uuid().optional(),
});

export const Holding = z.object({
  id: z.string(),
  product: z.object({ id: z.string(), name: z.string(), type: ProductType, riskLevel: RiskLevel, benchmarkBps: z.number().int() }),
  fundedBy: z.enum(['cash', 'experience']),
  principal: Fen,
  /** Earnings actually credited to the member so far. */
  earned: Fen,
  /** Fixed-term only: what the benchmark would give at maturity — an estimate, not a promise. */
  estimatedReturn: Fen.nullable(),
  valueDate: z.string(),
  maturityDate: z.string().nullable(),
  expiresAt: Timestamp.nullable(),
  termDays: z.number().int().nullable(),
  status: z.enum(['holding', 'matured', 'redeemed', 'expired']),
  paidReturn: Fen.nullable(),
  createdAt: Timestamp,
});
export type Holding = z.infer<typeof Holding>;

export const PurchaseResponse = z.object({ orderId: z.string(), holding: Holding });
export const RedemptionRequest = z.strictObject({ amount: AmountInput });
export const Redemption = z.object({
  id: z.string(),
  amount: Fen,
  speed: z.enum(['t0', 't1']),
  status: z.enum(['pending', 'settled']),
  settleOn: z.string(),
  createdAt: Timestamp,
});
export const EarningsDay = z.object({ day: z.string(), amount: Fen });

export const DeclareYieldRequest = z.strictObject({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** 万份收益 in yuan with up to 4 decimals, e.g. "0.6512". */
  per10k: z.string().regex(/^\d{1,2}(\.\d{1,4})?$/),
});
export const DeclareFixedReturnRequest = z.strictObject({
  maturityDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  actualBps: z.number().int().min(0).max(5000),
});
export const GrantExperienceRequest = z.strictObject({
  memberId: z.uuid(),
  amount: AmountInput,
  days: z.number().int().min(1).max(90),
  reason: z.string().trim().min(1).max(100),
});

export const ConsoleHolding = Holding.extend({ memberId: z.string() });
export const ConsoleInvestOrder = z.object({
  id: z.string(),
  memberId: z.string(),
  productId: z.string(),
  productName: z.string(),
  amount: Fen,
  fundedBy: z.enum(['cash', 'experience']),
  termDays: z.number().int().nullable(),
  source: z.string().nullable(),
  contractVersion: z.string(),
  createdAt: Timestamp,
});

const TypeFigures = z.object({
  type: ProductType,
  purchases: Fen,
  purchaseCount: z.number().int(),
  outstanding: Fen,
  holders: z.number().int(),
});
export const Disclosure = z.object({
  asOf: Timestamp,
  platform: z.object({
    cumulativePurchases: Fen,
    purchaseCount: z.number().int(),
    outstanding: Fen,
    investorsCumulative: z.number().int(),
    investorsCurrent: z.number().int(),
    byType: z.array(TypeFigures),
  }),
  /** The operating data of the 2017 guideline for online lending information intermediaries (zero until lending exists). */
  lending: z.object({
    cumulativeLending: Fen,
    cumulativeLoans: z.number().int(),
    outstanding: Fen,
    outstandingLoans: z.number().int(),
    lendersCumulative: z.number().int(),
    borrowersCumulative: z.number().int(),
    lendersCurrent: z.number().int(),
    borrowersCurrent: z.number().int(),
    top10BorrowerShareBps: z.number().int(),
    largestBorrowerShareBps: z.number().int(),
    overdueAmount: Fen,
    overdueCount: z.number().int(),
    overdue90Amount: Fen,
    overdue90Count: z.number().int(),
    compensatedAmount: Fen,
    compensatedCount: z.number().int(),
  }),
  custodian: z.string(),
  complaintChannel: z.string(),
  monthly: z.array(z.object({ month: z.string(), takenAt: Timestamp, figures: z.unknown() })),
});
export type Disclosure = z.infer<typeof Disclosure>;
