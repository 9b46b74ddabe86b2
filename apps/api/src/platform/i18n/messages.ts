import type { ErrorCode } from '@quanzi/contracts';

export type Locale = 'zh-CN' | 'en';

type Catalogue = Record<ErrorCode, string>;

/** Messages tell the member what happened and what to do next. `{name}` is replaced by params. */
const zhCN: Catalogue = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  MALFORMED_JSON: '请求格式不正确（JSON 无法解析）',
  PAYLOAD_TOO_LARGE: '提交的内容过大，请精简后重试',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型，请使用 JSON',
  NOT_FOUND: '找不到该内容，可能已被删除',
  RATE_LIMITED: '操作过于频繁，请 {seconds} 秒后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  CSRF_REJECTED: '请求来源不受信任，请从官方页面操作',
  INTERNAL: '服务暂时不可用，请稍后重试',
  INVALID_PHONE: '请输入正确的 11 位手机号',
  SMS_COOLDOWN: '验证码已发送，请 {seconds} 秒后再获取',
  SMS_DAILY_LIMIT: '该手机号今日获取验证码次数已达上限，请明天再试',
  SMS_CODE_INVALID: '验证码错误，请重新输入',
  SMS_CODE_EXPIRED: '验证码已过期或已使用，请重新获取',
  SMS_CODE_EXHAUSTED: '验证码错误次数过多，请重新获取',
  PHONE_TAKEN: '该手机号已注册，请直接登录',
  WEAK_PASSWORD: '密码需 8–64 位，且同时包含字母和数字',
  AGREEMENT_OUTDATED: '用户协议已更新，请阅读并同意最新版本',
  INVALID_CREDENTIALS: '手机号或密码错误',
  ACCOUNT_LOCKED: '密码错误次数过多，账户已锁定，请 {minutes} 分钟后再试',
  ACCOUNT_CLOSED: '该账户已注销',
  INVALID_NAME: '请输入与身份证一致的中文姓名',
  INVALID_ID_NUMBER: '身份证号码有误，请核对后重新输入',
  UNDERAGE: '根据相关规定，未满 18 周岁不能开通账户',
  ID_NUMBER_TAKEN: '该身份证已被其他账户认证',
  ALREADY_VERIFIED: '您已完成实名认证',
  REAL_NAME_REQUIRED: '请先完成实名认证',
  INVALID_CARD_NUMBER: '银行卡号有误，请核对后重新输入',
  UNSUPPORTED_BANK: '暂不支持该银行的银行卡，请更换其他银行卡',
  CARD_ALREADY_BOUND: '该银行卡已被绑定',
  CARD_VERIFICATION_FAILED: '银行卡信息验证未通过，请确认预留手机号与卡片一致',
  CARD_LIMIT_REACHED: '最多绑定 {max} 张银行卡',
  INVALID_PAYMENT_PASSWORD: '支付密码为 6 位数字',
  WEAK_PAYMENT_PASSWORD: '支付密码过于简单，请勿使用连续或重复的数字',
  PAYMENT_PASSWORD_NOT_SET: '请先设置支付密码',
  PAYMENT_PASSWORD_LOCKED: '支付密码错误次数过多，已锁定，请 {minutes} 分钟后再试',
  WRONG_PAYMENT_PASSWORD: '支付密码错误，还可尝试 {remaining} 次',
  CLOSURE_BLOCKED: '暂时无法注销：{reasons}',
  OPERATOR_DISABLED: '该运营账号已停用，请联系管理员',
  USERNAME_TAKEN: '该用户名已被使用',
  REASON_REQUIRED: '请填写查看原因',
  AMOUNT_INVALID: '金额无效：请输入大于 0 的金额，最多两位小数',
  INSUFFICIENT_BALANCE: '可用余额不足',
  IDENTITY_REQUIRED: '请先完成实名认证并绑定银行卡',
  CARD_REQUIRED: '请先绑定本人银行卡',
  CARD_NOT_ELIGIBLE: '为保障资金安全，提现只能到账至您充值使用过的本人银行卡（同卡进出）',
  DAILY_LIMIT_EXCEEDED: '超过今日限额，今日剩余额度 {remaining} 元',
  IDEMPOTENCY_KEY_REQUIRED: '缺少 Idempotency-Key 请求头，请刷新页面后重试',
  IDEMPOTENCY_KEY_REUSED: '同一请求编号不能用于不同的内容，请刷新页面后重试',
  IDEMPOTENCY_IN_FLIGHT: '相同的请求正在处理中，请稍候查看结果',
  ORDER_STATE_CONFLICT: '订单状态已变化，请刷新后查看',
  PAYMENT_GATEWAY_UNAVAILABLE: '支付通道暂时不可用，请稍后再试',
  ISSUER_SIGNATURE_INVALID: '发行机构接口签名无效或已过期',
  EXPERIENCE_NOT_REDEEMABLE: '体验金投资不能赎回，到期后本金自动收回，收益已计入可用余额',
  SUITABILITY_ANSWERS_INVALID: '问卷未答完整：每道题都需要且只能选择一个选项，请检查后重新提交',
  SUITABILITY_ATTEMPTS_EXCEEDED: '今天的风险测评次数已用完（每天最多 {max} 次），请明天再来',
  SUITABILITY_REQUIRED: '购买理财产品前，请先完成风险承受能力评估（评估结果有效期一年，过期后需重新评估）',
  SUITABILITY_MISMATCH: '该产品风险等级为 {required}，高于您的风险承受能力 {current}。如您的情况已变化，可重新评估风险承受能力。',
  PRODUCT_NOT_ON_SALE: '该产品当前不在销售期，请选择其他产品',
  TERM_OUT_OF_RANGE: '期限需在 {min} 至 {max} 天之间',
  AMOUNT_BELOW_MINIMUM: '起购金额为 {min} 元',
  QUOTA_EXCEEDED: '产品剩余额度不足，剩余 {remaining} 元',
  PER_PERSON_LIMIT_EXCEEDED: '超过单人持有上限，您还可购买 {remaining} 元',
  DISCLOSURE_NOT_ACCEPTED: '请先阅读并同意最新版风险揭示书和产品合同',
  EXPERIENCE_NOT_ALLOWED: '该产品不支持使用体验金',
  NOT_REDEEMABLE: '定期产品到期前不能赎回，到期后本金和收益将自动到账',
  PRODUCT_INVALID: '产品信息不完整或不一致：{reason}',
  PRODUCT_STATE_CONFLICT: '产品状态已变化，请刷新后再试',
  YIELD_ALREADY_DECLARED: '该日收益已公布并已发放，不能修改',
  NOTIFICATION_KIND_REQUIRED: '处理通知与系统通知不可关闭',
};

const en: Catalogue = {
  VALIDATION_FAILED: 'Some fields are invalid; please check and try again',
  MALFORMED_JSON: 'The request body is not valid JSON',
  PAYLOAD_TOO_LARGE: 'The request is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type; send JSON',
  NOT_FOUND: 'Not found; it may have been removed',
  RATE_LIMITED: 'Too many requests; try again in {seconds} seconds',
  UNAUTHENTICATED: 'Please log in first',
  FORBIDDEN: 'You do not have permission to do this',
  CSRF_REJECTED: 'The request came from an untrusted origin',
  INTERNAL: 'The service is temporarily unavailable; please try again later',
  INVALID_PHONE: 'Enter a valid 11-digit mainland China mobile number',
  SMS_COOLDOWN: 'A code was just sent; request another in {seconds} seconds',
  SMS_DAILY_LIMIT: 'This number has reached today’s code limit; try again tomorrow',
  SMS_CODE_INVALID: 'The verification code is wrong',
  SMS_CODE_EXPIRED: 'The verification code has expired or was used; request a new one',
  SMS_CODE_EXHAUSTED: 'Too many wrong attempts; request a new code',
  PHONE_TAKEN: 'This number is already registered; please log in',
  WEAK_PASSWORD: 'Passwords need 8–64 characters with both letters and digits',
  AGREEMENT_OUTDATED: 'The user agreement has changed; please accept the current version',
  INVALID_CREDENTIALS: 'Wrong phone number or password',
  ACCOUNT_LOCKED: 'Too many wrong passwords; the account is locked for {minutes} minutes',
  ACCOUNT_CLOSED: 'This account has been closed',
  INVALID_NAME: 'Enter your name exactly as on your ID card (Chinese characters)',
  INVALID_ID_NUMBER: 'The ID number is invalid; please check it',
  UNDERAGE: 'You must be at least 18 years old to open an account',
  ID_NUMBER_TAKEN: 'This ID number is already verified on another account',
  ALREADY_VERIFIED: 'Your real name is already verified',
  REAL_NAME_REQUIRED: 'Please verify your real name first',
  INVALID_CARD_NUMBER: 'The card number is invalid; please check it',
  UNSUPPORTED_BANK: 'Cards from this bank are not supported yet; use another card',
  CARD_ALREADY_BOUND: 'This card is already bound',
  CARD_VERIFICATION_FAILED: 'The card could not be verified; check the phone number reserved with the bank',
  CARD_LIMIT_REACHED: 'You can bind at most {max} cards',
  INVALID_PAYMENT_PASSWORD: 'The payment password is 6 digits',
  WEAK_PAYMENT_PASSWORD: 'The payment password is too simple; avoid sequences and repeated digits',
  PAYMENT_PASSWORD_NOT_SET: 'Please set a payment password first',
  PAYMENT_PASSWORD_LOCKED: 'Too many wrong payment passwords; locked for {minutes} minutes',
  WRONG_PAYMENT_PASSWORD: 'Wrong payment password; {remaining} attempts left',
  CLOSURE_BLOCKED: 'The account cannot be closed yet: {reasons}',
  OPERATOR_DISABLED: 'This operator account is disabled; contact an administrator',
  USERNAME_TAKEN: 'This username is taken',
  REASON_REQUIRED: 'Please give a reason for viewing this data',
  AMOUNT_INVALID: 'Invalid amount: enter an amount above zero with at most two decimals',
  INSUFFICIENT_BALANCE: 'Insufficient available balance',
  IDENTITY_REQUIRED: 'Please verify your real name and bind a bank card first',
  CARD_REQUIRED: 'Please bind a bank card in your own name first',
  CARD_NOT_ELIGIBLE: 'For your safety, withdrawals go only to a card of yours that you topped up from',
  DAILY_LIMIT_EXCEEDED: "Over today's limit; ¥{remaining} left today",
  IDEMPOTENCY_KEY_REQUIRED: 'The Idempotency-Key header is missing; refresh and try again',
  IDEMPOTENCY_KEY_REUSED: 'This request id was already used for a different request; refresh and try again',
  IDEMPOTENCY_IN_FLIGHT: 'The same request is still being processed; check the result shortly',
  ORDER_STATE_CONFLICT: 'The order has changed state; refresh to see it',
  PAYMENT_GATEWAY_UNAVAILABLE: 'The payment channel is unavailable; try again later',
  ISSUER_SIGNATURE_INVALID: 'The issuer API signature is invalid or expired',
  EXPERIENCE_NOT_REDEEMABLE:
    'Experience-money holdings cannot be redeemed; the principal returns at expiry and earnings are already in your balance',
  SUITABILITY_ANSWERS_INVALID: 'The questionnaire is incomplete: choose exactly one option for every question and submit again',
  SUITABILITY_ATTEMPTS_EXCEEDED: "You have used all of today's risk assessments ({max} a day); please come back tomorrow",
  SUITABILITY_REQUIRED: 'Please complete the risk tolerance assessment before investing (it is valid for one year, then needs retaking)',
  SUITABILITY_MISMATCH:
    'This product is rated {required}, above your risk tolerance {current}. If your circumstances have changed, you can retake the risk assessment.',
  PRODUCT_NOT_ON_SALE: 'This product is not on sale right now',
  TERM_OUT_OF_RANGE: 'The term must be between {min} and {max} days',
  AMOUNT_BELOW_MINIMUM: 'The minimum purchase is ¥{min}',
  QUOTA_EXCEEDED: 'Not enough quota left: ¥{remaining}',
  PER_PERSON_LIMIT_EXCEEDED: 'Over the per-person limit; you can buy ¥{remaining} more',
  DISCLOSURE_NOT_ACCEPTED: 'Please read and accept the current risk disclosure and contract first',
  EXPERIENCE_NOT_ALLOWED: 'Experience money cannot be used for this product',
  NOT_REDEEMABLE: 'Fixed-term holdings cannot be redeemed before maturity; they pay out automatically',
  PRODUCT_INVALID: 'The product is incomplete or inconsistent: {reason}',
  PRODUCT_STATE_CONFLICT: 'The product changed state; refresh and try again',
  YIELD_ALREADY_DECLARED: 'That day’s yield was declared and credited; it cannot change',
  NOTIFICATION_KIND_REQUIRED: 'Moderation and system notifications cannot be turned off',
};

const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

/** zh-CN unless the caller prefers English (first supported language in Accept-Language wins). */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const tags = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((t) => t.tag && !Number.isNaN(t.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function translate(locale: Locale, code: ErrorCode, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][code] ?? catalogues['zh-CN'].INTERNAL;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
