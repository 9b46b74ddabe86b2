import { AppError } from '../../platform/errors.js';
import { checkMarketingText, type ComplianceViolation } from '../compliance/index.js';

/**
 * What the official account posts is marketing: promised returns are refused with the offending
 * words (422 MARKETING_COMPLIANCE, like the touch layer's sends).
 */
export function assertCompliant(texts: Record<string, string | null | undefined>): void {
  const found: Array<ComplianceViolation & { field: string }> = [];
  for (const [field, text] of Object.entries(texts))
    if (text) for (const v of checkMarketingText(text).violations) found.push({ ...v, field });
  if (found.length)
    throw new AppError(
      'MARKETING_COMPLIANCE',
      { reason: `含有承诺收益的用语：${[...new Set(found.map((f) => f.word))].join('、')}` },
      { violations: found },
    );
}
