/**
 * Wallet rules in one place. Limits are per member per Asia/Shanghai day; withdrawals at or above
 * the review threshold wait for the finance role before any money leaves.
 */
export const WALLET_POLICY = {
  /** ¥50,000 a day in, ¥50,000 a day out. */
  dailyTopUpLimit: 5_000_000n,
  dailyWithdrawalLimit: 5_000_000n,
  /** ¥5,000 and above needs a finance reviewer. */
  reviewThreshold: 500_000n,
  /** An order waiting on the gateway this long is queried instead of waiting for its callback. */
  queryAfterMs: 5 * 60_000,
  /**
   * An order still owing its gateway request this long (no gateway reference: the process died
   * between the commit and the call, or the gateway was down) is taken over by the stuck-order job,
   * which runs every minute — so none waits much more than a minute.
   */
  gatewayStepDueAfterMs: 15_000,
  /** Pay pages expire: a top-up still unpaid after this is closed (after a last query). */
  closeUnpaidAfterMs: 2 * 3600_000,
} as const;

export const MEMO = {
  topUp: '充值',
  topUpSettled: '充值资金结算至存管账户',
  withdrawalFreeze: '提现冻结',
  withdrawalPaid: '提现到账',
  withdrawalUnfreeze: '提现失败，解冻退回',
  withdrawalRejected: '提现审核未通过，解冻退回',
  heldTopUpCredited: '充值金额差异经复核后入账',
  refundFreeze: '充值退款处理中',
  refundPaid: '充值退款原路退回',
  refundUnfreeze: '充值退款未成功，解冻退回',
  refundSettled: '充值退款结算出存管账户',
} as const;
