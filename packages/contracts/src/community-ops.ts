import { z } from 'zod';
import { PageQuery, Timestamp } from './common.js';

/** Community operations: alarms for unanswered questions, the on-duty roster, per-group automation. */

/** "HH:MM", Asia/Shanghai wall-clock time. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM');

export const OpsGroupSettings = z.object({
  groupId: z.string(),
  alarmMinutes: z.number().int(),
  workingHours: z.object({ start: TimeOfDay, end: TimeOfDay }).nullable(),
  welcomeTemplate: z.string().nullable(),
  updatedAt: Timestamp.nullable(),
});
export type OpsGroupSettings = z.infer<typeof OpsGroupSettings>;

export const UpdateOpsGroupSettings = z.strictObject({
  alarmMinutes: z.number().int().min(1).max(1440).optional(),
  /** null turns working hours off (the alarm's minutes run around the clock). */
  workingHours: z.strictObject({ start: TimeOfDay, end: TimeOfDay }).nullable().optional(),
  /** `{{nickname}}` and `{{group}}` are filled in; null turns the welcome off. */
  welcomeTemplate: z.string().trim().min(1).max(500).nullable().optional(),
});

export const DutySlot = z.object({
  id: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  start: TimeOfDay,
  end: TimeOfDay,
  createdAt: Timestamp,
});
export type DutySlot = z.infer<typeof DutySlot>;
export const CreateDutySlot = z.strictObject({
  operatorId: z.uuid(),
  weekday: z.number().int().min(1).max(7),
  start: TimeOfDay,
  end: TimeOfDay,
});
export const DutyRoster = z.object({
  items: z.array(DutySlot),
  onDutyNow: z.array(z.object({ operatorId: z.string(), operatorName: z.string() })),
});

export const AlarmStatus = z.enum(['open', 'alarmed', 'answered']);
export type AlarmStatus = z.infer<typeof AlarmStatus>;
export const UnansweredAlarm = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  messageId: z.string(),
  askerId: z.string(),
  askerName: z.string(),
  excerpt: z.string(),
  status: AlarmStatus,
  askedAt: Timestamp,
  dueAt: Timestamp,
  alarmedAt: Timestamp.nullable(),
  /** Seconds the asker has been waiting (open/alarmed) as of the request. */
  waitingSeconds: z.number().int().nullable(),
  dutyOperators: z.array(z.string()),
  notifiedExperts: z.number().int(),
  answeredAt: Timestamp.nullable(),
  answeredBy: z.string().nullable(),
  /** First-response time in seconds, once answered. */
  responseSeconds: z.number().int().nullable(),
  /** Where it was asked: the group chat, or a thread in the group (messageId is then the thread id). */
  source: z.enum(['chat', 'thread']),
  link: z.string(),
});
export type UnansweredAlarm = z.infer<typeof UnansweredAlarm>;
export const UnansweredAlarmQuery = PageQuery.extend({
  /** Default: the alarm board (alarmed). `all` includes open and answered questions. */
  status: z.enum(['open', 'alarmed', 'answered', 'all']).default('alarmed'),
  groupId: z.uuid().optional(),
});
export const UnansweredAlarmPage = z.object({
  items: z.array(UnansweredAlarm),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Over the answered questions in the filter: median and 90th percentile first-response time. */
  responseStats: z.object({
    answered: z.number().int(),
    medianSeconds: z.number().int().nullable(),
    p90Seconds: z.number().int().nullable(),
  }),
});

export const KeywordMatchKind = z.enum(['exact', 'contains', 'regex']);
export const CreateKeywordReply = z.strictObject({
  matchKind: KeywordMatchKind,
  pattern: z.string().trim().min(1).max(200),
  reply: z.string().trim().min(1).max(500),
});
export const KeywordReply = z.object({
  id: z.string(),
  groupId: z.string(),
  matchKind: KeywordMatchKind,
  pattern: z.string(),
  reply: z.string(),
  enabled: z.boolean(),
  hitCount: z.number().int(),
  createdAt: Timestamp,
});
export type KeywordReply = z.infer<typeof KeywordReply>;
export const UpdateKeywordReply = z.strictObject({ enabled: z.boolean() });

export const CalendarRepeat = z.enum(['once', 'daily', 'weekly']);
export const CalendarStatus = z.enum(['scheduled', 'paused', 'done', 'cancelled']);
/** A Shanghai calendar day, YYYY-MM-DD. */
export const CalendarDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day YYYY-MM-DD');
export const CreateCalendarEntry = z.strictObject({
  title: z.string().trim().min(1).max(60),
  body: z.string().trim().min(1).max(2000),
  repeat: CalendarRepeat,
  /** Asia/Shanghai. */
  time: TimeOfDay,
  /** Weekly only: ISO weekday. */
  weekday: z.number().int().min(1).max(7).optional(),
  /** Once only: the Shanghai day. */
  date: CalendarDay.optional(),
});
export const NearDuplicate = z.object({
  source: z.enum(['post', 'entry']),
  id: z.string(),
  excerpt: z.string(),
  at: Timestamp.nullable(),
  /** Hamming distance of the SimHash fingerprints (0 = the same words). */
  distance: z.number().int(),
});
export const CalendarEntry = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  body: z.string(),
  repeat: CalendarRepeat,
  time: TimeOfDay,
  weekday: z.number().int().nullable(),
  nextRunAt: Timestamp.nullable(),
  status: CalendarStatus,
  fromSop: z.boolean(),
  postCount: z.number().int(),
  lastPostedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;
export const CalendarPage = z.object({
  items: z.array(CalendarEntry),
  recentPosts: z.array(z.object({ id: z.string(), entryId: z.string(), excerpt: z.string(), postedAt: Timestamp })),
});
export const CreatedCalendarEntry = z.object({ entry: CalendarEntry, nearDuplicates: z.array(NearDuplicate) });
export const CheckCalendarContent = z.strictObject({ body: z.string().trim().min(1).max(2000) });
export const NearDuplicateResult = z.object({ nearDuplicates: z.array(NearDuplicate) });
export const UpdateCalendarEntry = z.strictObject({ status: z.enum(['scheduled', 'paused']) });

/** Group stages (社群生命周期): formation → assimilation → collaboration. */
export const SopStage = z.enum(['formation', 'assimilation', 'collaboration']);
export const SopStageStep = z.strictObject({
  /** Days after the template is applied (0 = that day). */
  dayOffset: z.number().int().min(0).max(90),
  time: TimeOfDay,
  title: z.string().trim().min(1).max(60),
  body: z.string().trim().min(1).max(2000),
});
export const SopLifecycleStep = z.strictObject({
  /** Days after a member joins (0 = on joining): day 0 welcome, day 1 guide, day 3, day 7 check-in. */
  day: z.number().int().min(0).max(30),
  title: z.string().trim().min(1).max(60),
  /** `{{nickname}}` and `{{group}}` are filled in. */
  body: z.string().trim().min(1).max(500),
});
export const CreateSopTemplate = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('stage'),
    name: z.string().trim().min(1).max(40),
    stage: SopStage,
    steps: z.array(SopStageStep).min(1).max(30),
  }),
  z.strictObject({ kind: z.literal('lifecycle'), name: z.string().trim().min(1).max(40), steps: z.array(SopLifecycleStep).min(1).max(10) }),
]);
export type CreateSopTemplate = z.infer<typeof CreateSopTemplate>;
export const SopTemplate = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['stage', 'lifecycle']),
  stage: SopStage.nullable(),
  steps: z.array(z.union([SopStageStep, SopLifecycleStep])),
  createdAt: Timestamp,
});
export type SopTemplate = z.infer<typeof SopTemplate>;
export const ApplySopTemplate = z.strictObject({ templateId: z.uuid() });
export const SopApplication = z.object({
  id: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  groupId: z.string(),
  kind: z.enum(['stage', 'lifecycle']),
  active: z.boolean(),
  appliedAt: Timestamp,
  /** Stage: calendar entries created; lifecycle: member messages scheduled so far. */
  scheduled: z.number().int(),
  sent: z.number().int(),
});
export type SopApplication = z.infer<typeof SopApplication>;
