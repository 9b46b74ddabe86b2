/** Limits from the issue: one code per phone per minute, ten per Asia/Shanghai day, five minutes to live, five tries. */
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
  reset_password: '重置密码',
};
