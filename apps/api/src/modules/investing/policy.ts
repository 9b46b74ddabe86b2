export const MEMO = {
  purchase: '购买理财',
  experiencePurchase: '体验金投资',
  redemption: '赎回到账',
  demandEarnings: '活期收益',
  experienceEarnings: '体验金收益（平台营销费用支付）',
  maturity: '定期到期本金与收益',
  experienceGrant: '获得体验金',
  experienceExpired: '体验金到期收回',
} as const;

/** Days in a year for annualised rates (the industry convention for wealth products). */
export const DAYS_PER_YEAR = 365n;
/** Holdings accrued per transaction in the nightly job. */
export const ACCRUAL_BATCH = 2000;
