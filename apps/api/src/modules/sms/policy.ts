/**
 * One code per phone and purpose per minute (issue 12 item 8: register then bind a card at once),
 * ten per phone per Asia/Shanghai day across purposes, five minutes to live, five tries.
 */
export const SMS_POLICY = {
  cooldownSeconds: 60,
  dailyLimit: 10,
  ttlSeconds: 300,
  maxAttempts: 5,
} as const;

export const PURPOSE_TEXT: Record<string, string> = {
  register: '注册',
  login: '登录',
  bind_card: '绑定银行卡',
  reset_password: '重置登录密码',
  reset_payment_password: '重置支付密码',
};
