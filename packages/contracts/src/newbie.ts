import { z } from 'zod';
import { Timestamp } from './common.js';
import { Product } from './investing.js';

/** Newbie journey (新手旅程): the guide, the zone and the growth tasks (成长任务). */
export const GuideEntryKind = z.enum(['article', 'step', 'privilege']);
export const GuideEntryStatus = z.enum(['draft', 'published']);
/** Where an entry came from: written by operators, or fed by customer service's top questions. */
export const GuideEntrySource = z.enum(['editorial', 'customer_service']);

export const GuideEntry = z.object({
  id: z.string(),
  kind: GuideEntryKind,
  title: z.string(),
  body: z.string(),
  position: z.number().int(),
  status: GuideEntryStatus,
  source: GuideEntrySource,
  sourceRef: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  publishedAt: Timestamp.nullable(),
});
export type GuideEntry = z.infer<typeof GuideEntry>;

export const PublishedGuideEntry = z.object({
  id: z.string(),
  kind: GuideEntryKind,
  title: z.string(),
  body: z.string(),
  position: z.number().int(),
  publishedAt: Timestamp,
});
export type PublishedGuideEntry = z.infer<typeof PublishedGuideEntry>;

/** The published guide, each part in its editors' order. */
export const NewbieGuide = z.object({
  steps: z.array(PublishedGuideEntry),
  articles: z.array(PublishedGuideEntry),
  privileges: z.array(PublishedGuideEntry),
});
export type NewbieGuide = z.infer<typeof NewbieGuide>;

const Title = z.string().trim().min(1).max(60);
const Body = z.string().trim().min(1).max(4000);
const Position = z.number().int().min(0).max(9999);

export const CreateGuideEntry = z.strictObject({
  kind: GuideEntryKind,
  title: Title,
  body: Body,
  position: Position.default(0),
  source: GuideEntrySource.default('editorial'),
  /** e.g. the customer-service question id it answers. */
  sourceRef: z.string().trim().min(1).max(120).nullable().optional(),
});
export type CreateGuideEntry = z.input<typeof CreateGuideEntry>;
export const UpdateGuideEntry = z.strictObject({
  kind: GuideEntryKind.optional(),
  title: Title.optional(),
  body: Body.optional(),
  position: Position.optional(),
});
export type UpdateGuideEntry = z.input<typeof UpdateGuideEntry>;
export const GuideEntryStatusChange = z.strictObject({ status: GuideEntryStatus });
export const GuideEntryQuery = z.object({ kind: GuideEntryKind.optional(), status: GuideEntryStatus.optional() });

export const NewbieTaskCode = z.enum(['register', 'real_name', 'bind_card', 'first_invest', 'repeat_invest']);
export type NewbieTaskCode = z.infer<typeof NewbieTaskCode>;

export const MemberTask = z.object({
  code: NewbieTaskCode,
  done: z.boolean(),
  /** e.g. 复投: 1 of 2 cash investments made. */
  progress: z.object({ current: z.number().int(), target: z.number().int() }),
  /** Points the task gives when it completes (0 = no reward; disabled tasks give none). */
  rewardPoints: z.number().int(),
  reward: z
    .object({
      points: z.number().int(),
      status: z.enum(['granted', 'in_review', 'refused']),
      at: Timestamp,
    })
    .nullable(),
});
export type MemberTask = z.infer<typeof MemberTask>;
export const MemberTasks = z.object({
  items: z.array(MemberTask),
  completed: z.number().int(),
  total: z.number().int(),
  pointsEarned: z.number().int(),
});
export type MemberTasks = z.infer<typeof MemberTasks>;

export const ConsoleTask = z.object({
  code: NewbieTaskCode,
  position: z.number().int(),
  rewardPoints: z.number().int(),
  enabled: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: Timestamp,
  /** Members who completed it (rewarded or not). */
  completions: z.number().int(),
});
export type ConsoleTask = z.infer<typeof ConsoleTask>;
export const UpdateTask = z.strictObject({
  rewardPoints: z.number().int().min(0).max(1_000_000),
  enabled: z.boolean(),
});

/** The newbie zone (新手专区): the member's eligibility, the newbie-only products and the privileges. */
export const NewbieZone = z.object({
  /** No prior investment: newbie-only products are open to this member. */
  eligible: z.boolean(),
  products: z.array(Product),
  privileges: z.array(PublishedGuideEntry),
});
export type NewbieZone = z.infer<typeof NewbieZone>;
