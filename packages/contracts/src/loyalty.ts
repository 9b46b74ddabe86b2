import { z } from 'zod';
import { Timestamp } from './common.js';

/** Points are whole numbers (JSON numbers; far below 2^53). */
const Points = z.number().int();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PointsEntryKind = z.enum(['earn', 'spend', 'expire', 'reverse', 'adjust']);
export const PointsEntry = z.object({
  id: z.string(),
  kind: PointsEntryKind,
  /** Signed: + earned/refunded, − spent/expired/clawed back. */
  points: Points,
  balanceAfter: Points,
  source: z.string(),
  reason: z.string(),
  /** What a clawback could not take back (already spent). */
  shortfall: Points,
  /** For an earned lot: when it expires (null: never). */
  expiresAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type PointsEntry = z.infer<typeof PointsEntry>;

export const PointsQuery = z.object({
  /** The id of the last entry of the previous page. */
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const PointsSummary = z.object({
  balance: Points,
  expiringSoon: z.object({ points: Points, firstAt: Timestamp.nullable(), withinDays: z.number().int() }),
  entries: z.array(PointsEntry),
  /** Pass as `before` for the next page; null when this is the last. */
  nextBefore: z.string().nullable(),
});
export type PointsSummary = z.infer<typeof PointsSummary>;

export const LevelPrivileges = z.strictObject({
  withdrawalFeeWaiver: z.boolean(),
  exclusiveProducts: z.boolean(),
  liveSeats: z.boolean(),
  /** Lottery weight in percent of normal (100 = normal, up to 1000). */
  lotteryWeight: z.number().int().min(100).max(1000),
});
export type LevelPrivileges = z.infer<typeof LevelPrivileges>;

export const LevelRule = z.strictObject({
  level: z.number().int().min(0).max(20),
  nameZh: z.string().trim().min(1).max(20),
  nameEn: z.string().trim().min(1).max(40),
  minGrowth: z.number().int().min(0).max(100_000_000),
  privileges: LevelPrivileges,
});
export type LevelRule = z.infer<typeof LevelRule>;

export const MemberLevel = z.object({
  level: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  growth: z.number().int(),
  components: z.object({ investment: z.number().int(), activity: z.number().int(), tenure: z.number().int() }),
  privileges: LevelPrivileges,
  next: z.object({ level: z.number().int(), nameZh: z.string(), nameEn: z.string(), minGrowth: z.number().int() }).nullable(),
  levelSince: Timestamp.nullable(),
  rules: z.array(LevelRule),
});
export type MemberLevel = z.infer<typeof MemberLevel>;

export const LevelRulesUpdate = z.strictObject({ rules: z.array(LevelRule).min(1).max(21) });
export type LevelRulesUpdate = z.infer<typeof LevelRulesUpdate>;
export const LevelRules = z.object({ rules: z.array(LevelRule) });

export const CheckinRequest = z.strictObject({
  /** A missed day (YYYY-MM-DD, Shanghai) to make up, paid with points; omitted: today. */
  makeUpDay: Day.optional(),
});
export type CheckinRequest = z.infer<typeof CheckinRequest>;
export const CheckinKind = z.enum(['daily', 'makeup']);
export const CheckinResult = z.object({
  day: Day,
  kind: CheckinKind,
  streak: z.number().int(),
  /** Points earned (base + streak bonus); 0 for a make-up. */
  points: Points,
  bonus: Points,
  /** Points a make-up cost. */
  cost: Points,
  balance: Points,
});
export type CheckinResult = z.infer<typeof CheckinResult>;
export const CheckinMonthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
export const CheckinMonth = z.object({
  month: z.string(),
  today: Day,
  days: z.array(z.object({ day: Day, kind: CheckinKind, streak: z.number().int(), points: Points })),
  checkedInToday: z.boolean(),
  streak: z.number().int(),
  makeUp: z.object({
    cost: Points,
    windowDays: z.number().int(),
    perMonth: z.number().int(),
    usedThisMonth: z.number().int(),
    /** Missed days that may be made up now. */
    days: z.array(Day),
  }),
  rules: z.object({ base: Points, bonuses: z.array(z.object({ every: z.number().int(), points: Points })) }),
});
export type CheckinMonth = z.infer<typeof CheckinMonth>;

export const PointsAdjustmentRequest = z.strictObject({
  memberId: z.uuid(),
  /** + grants a lot, − takes points oldest first (never below zero). */
  points: Points.min(-10_000_000)
    .max(10_000_000)
    .refine((n) => n !== 0, 'not zero'),
  reason: z.string().trim().min(2).max(200),
  /** For a grant: when its lot expires (default: the end of next year). */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type PointsAdjustmentRequest = z.infer<typeof PointsAdjustmentRequest>;
export const PointsAdjustmentResult = z.object({ entryId: z.string(), points: Points, balanceAfter: Points });
export const MemberPointsConsole = z.object({
  memberId: z.string(),
  balance: Points,
  shortfall: Points,
  level: z.object({ level: z.number().int(), nameZh: z.string(), growth: z.number().int() }),
  entries: z.array(PointsEntry),
  nextBefore: z.string().nullable(),
});
export type MemberPointsConsole = z.infer<typeof MemberPointsConsole>;
