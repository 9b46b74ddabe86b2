import type { Executor } from '../../platform/db/connect.js';
import { checkPromotion, type CompliancePorts, type PromotionInput } from './check-promotion.js';

export { checkMarketingText, type ComplianceViolation, type TextCheck, type TextCheckOptions } from './check-text.js';
export type { CompliancePorts, PromotedProduct, PromotionCheck, PromotionInput } from './check-promotion.js';
export { PROMISE_WORDS, STANDARD_RISK_WARNINGS } from './words.js';

/**
 * Marketing compliance (营销合规): `checkMarketingText` (pure, exported above) finds promised or
 * implied guaranteed returns in any text; the module adds `checkPromotion`, which also requires each
 * named product's risk warning and keeps the product away from members whose suitability does not
 * cover its risk level. Reads products and assessments only through investing's and suitability's
 * index.ts. Templates, sends, scheduled posts and campaign effects all call it before anything goes out.
 */
export function createComplianceModule(ports: CompliancePorts) {
  return {
    checkPromotion: (input: PromotionInput, executor?: Executor) => checkPromotion(ports, input, executor),
  };
}
export type ComplianceModule = ReturnType<typeof createComplianceModule>;
