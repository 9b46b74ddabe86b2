import { z } from 'zod';
import { Phone, Timestamp } from './common.js';

export const SmsPurpose = z.enum(['register', 'login', 'bind_card', 'reset_password', 'reset_payment_password']);
export type SmsPurpose = z.infer<typeof SmsPurpose>;

/** Current versions of the documents a member accepts at registration. */
export const AGREEMENT_VERSION = '2026-11';

export const SendSmsCodeRequest = z.strictObject({ phone: Phone, purpose: SmsPurpose });
export const SendSmsCodeResponse = z.object({
  cooldownSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});

/** Where a member came from: recorded at registration and login for channel analytics and risk. */
export const ClientContext = z.strictObject({
  deviceId: z.string().max(128).optional(),
  channel: z.string().max(64).optional(),
  utmSource: z.string().max(128).optional(),
  utmMedium: z.string().max(128).optional(),
  utmCampaign: z.string().max(128).optional(),
});

export const RegisterRequest = z.strictObject({
  phone: Phone,
  code: z.string().regex(/^\d{6}$/),
  password: z.string().min(1).max(128),
  agreementVersion: z.string().max(32),
  /** An inviter's referral code (邀请码), from the invite link or typed in. */
  referralCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z2-9]{8}$/)
    .optional(),
  ...ClientContext.shape,
});

export const LoginRequest = z.strictObject({
  phone: Phone,
  password: z.string().min(1).max(128),
  deviceId: z.string().max(128).optional(),
  /** Asked for (`STEP_UP_REQUIRED`) on a login from a new device or region: a `login` SMS code. */
  smsCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

/** 忘记密码: a code sent to the registered phone, and for a real-name-verified member the ID number's last four characters. */
export const PasswordResetRequest = z.strictObject({
  phone: Phone,
  code: z.string().regex(/^\d{6}$/),
  idLast4: z
    .string()
    .regex(/^[0-9Xx]{4}$/)
    .optional(),
  password: z.string().min(1).max(128),
});

/** 找回支付密码 (signed in): a code to the registered phone, the real name and ID number again, and one bound card's number. */
export const PaymentPasswordResetRequest = z.strictObject({
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1).max(32),
  idNumber: z.string().min(1).max(32),
  cardNumber: z.string().min(1).max(32).optional(),
  paymentPassword: z.string().regex(/^\d{6}$/),
});

export const BankCard = z.object({
  id: z.string(),
  bankCode: z.string(),
  bankName: z.string(),
  cardMasked: z.string().describe('6222 **** **** 1234'),
  reservedPhoneMasked: z.string(),
  boundAt: Timestamp,
});
export type BankCard = z.infer<typeof BankCard>;

export const MemberProfile = z.object({
  id: z.string(),
  phoneMasked: z.string(),
  nickname: z.string(),
  status: z.enum(['active', 'closed']),
  realName: z.object({ nameMasked: z.string(), idNumberMasked: z.string(), verifiedAt: Timestamp }).nullable(),
  bankCards: z.array(BankCard),
  hasPaymentPassword: z.boolean(),
  agreementVersion: z.string(),
  createdAt: Timestamp,
});
export type MemberProfile = z.infer<typeof MemberProfile>;

export const SessionResponse = z.object({
  token: z.string(),
  expiresAt: Timestamp,
  member: MemberProfile,
});

export const RealNameRequest = z.strictObject({
  name: z.string().min(1).max(32),
  idNumber: z.string().min(1).max(32),
});

export const BindCardRequest = z.strictObject({
  cardNumber: z.string().min(1).max(32),
  reservedPhone: Phone,
  code: z.string().regex(/^\d{6}$/),
});

export const PaymentPasswordRequest = z.strictObject({
  paymentPassword: z.string().regex(/^\d{6}$/),
  currentPaymentPassword: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const VerifyPaymentPasswordRequest = z.strictObject({
  paymentPassword: z.string().regex(/^\d{6}$/),
});

export const DeviceSession = z.object({
  id: z.string(),
  deviceId: z.string().nullable(),
  userAgent: z.string().nullable(),
  ipMasked: z.string().nullable(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  current: z.boolean(),
});
export type DeviceSession = z.infer<typeof DeviceSession>;

export const LoginEvent = z.object({
  id: z.string(),
  outcome: z.enum(['success', 'wrong_password', 'locked']),
  ipMasked: z.string().nullable(),
  deviceId: z.string().nullable(),
  userAgent: z.string().nullable(),
  at: Timestamp,
});
export type LoginEvent = z.infer<typeof LoginEvent>;

export const CloseAccountRequest = z.strictObject({ password: z.string().min(1).max(128) });
export const ClosureBlocker = z.object({ module: z.string(), reason: z.string() });

export const BankBin = z.object({ bin: z.string(), bankCode: z.string(), bankName: z.string(), cardType: z.enum(['debit', 'credit']) });
export type BankBin = z.infer<typeof BankBin>;
