import type { Executor } from '../../platform/db/connect.js';
import { carries, checkMarketingText, type ComplianceViolation } from './check-text.js';
import { STANDARD_RISK_WARNINGS } from './words.js';

/** What compliance needs to know of a product (investing's index answers it). */
export interface PromotedProduct {
  id: string;
  name: string;
  /** 1 = R1 … 5 = R5. */
  riskLevel: number;
  /** The product's own risk warning (its `riskWarning` disclosure). */
  riskWarning: string;
}

export interface CompliancePorts {
  investing: { promotionFacts(ids: readonly string[], executor?: Executor): Promise<PromotedProduct[]> };
  suitability: {
    /** The members among `memberIds` whose unexpired assessment covers `productRisk`. */
    coveringMembers(memberIds: readonly string[], productRisk: 1 | 2 | 3 | 4 | 5, executor?: Executor): Promise<string[]>;
  };
}

export interface PromotionInput {
  text: string;
  /** Products the message names (a card, a link, its name in the text). */
  productIds: readonly string[];
  /** The intended audience; when given, those the products may not be promoted to are filtered out. */
  memberIds?: readonly string[] | undefined;
  locale?: 'zh-CN' | 'en' | undefined;
}

export interface PromotionCheck {
  /** The text may be sent: no promise words, every product known and its risk warning carried. */
  ok: boolean;
  violations: ComplianceViolation[];
  products: Array<{ id: string; name: string; riskLevel: number; riskWarningCarried: boolean }>;
  /** Named products that do not exist. */
  unknownProductIds: string[];
  /** Products whose risk warning (or the standard 理财非存款、产品有风险、投资须谨慎) the text lacks. */
  missingRiskWarnings: string[];
  /** With `memberIds`: those whose suitability covers the riskiest named product, in input order. */
  allowedMemberIds?: string[];
  /** With `memberIds`: how many were filtered out (no assessment, expired, or below the risk). */
  skipped?: number;
}

/**
 * The whole marketing check for a message that promotes products: the wording (no promised
 * returns), each named product's risk warning, and the audience: a product is promoted only to
 * members whose suitability level covers its risk level (适当性), the others are skipped and counted.
 */
export async function checkPromotion(ports: CompliancePorts, input: PromotionInput, executor?: Executor): Promise<PromotionCheck> {
  const wording = checkMarketingText(input.text, { locale: input.locale });
  const ids = [...new Set(input.productIds)];
  const facts = ids.length ? await ports.investing.promotionFacts(ids, executor) : [];
  const byId = new Map(facts.map((p) => [p.id, p]));
  const unknownProductIds = ids.filter((id) => !byId.has(id));
  const products = ids
    .map((id) => byId.get(id))
    .filter((p): p is PromotedProduct => p !== undefined)
    .map((p) => ({
      id: p.id,
      name: p.name,
      riskLevel: p.riskLevel,
      riskWarningCarried: carries(input.text, p.riskWarning) || STANDARD_RISK_WARNINGS.some((w) => carries(input.text, w)),
    }));
  const missingRiskWarnings = products.filter((p) => !p.riskWarningCarried).map((p) => p.id);
  const result: PromotionCheck = {
    ok: wording.ok && unknownProductIds.length === 0 && missingRiskWarnings.length === 0,
    violations: wording.violations,
    products,
    unknownProductIds,
    missingRiskWarnings,
  };
  if (input.memberIds) {
    const risk = Math.max(1, ...products.map((p) => p.riskLevel)) as 1 | 2 | 3 | 4 | 5;
    // Without a named product there is nothing to match against: everyone may receive the text.
    const covered = products.length ? new Set(await ports.suitability.coveringMembers(input.memberIds, risk, executor)) : null;
    result.allowedMemberIds = covered ? input.memberIds.filter((id) => covered.has(id)) : [...input.memberIds];
    result.skipped = input.memberIds.length - result.allowedMemberIds.length;
  }
  return result;
}
