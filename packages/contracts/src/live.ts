import { z } from 'zod';
import { Timestamp } from './common.js';

/** Live sessions (直播): we link to an external stream; the room's comments and questions are ours. */

/** Longest comment or question, in characters after trimming (longer → MESSAGE_TOO_LONG, empty → MESSAGE_EMPTY). */
export const LIVE_TEXT_MAX = 200;
/** A member may comment once per this interval, and ask once per it (counted apart): SLOW_MODE, 429 with Retry-After. */
export const LIVE_COMMENT_INTERVAL_MS = 3_000;
/** Subscribers are reminded this long before the scheduled start. */
export const LIVE_REMINDER_LEAD_MS = 10 * 60_000;

export const LiveStatus = z.enum(['scheduled', 'live', 'ended', 'cancelled']);
export type LiveStatus = z.infer<typeof LiveStatus>;

/** https only, a real host name, no credentials: we send members there, so it must be a plain public page. */
export const StreamUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, normalize: true })
  .max(500)
  .refine((u) => !/^https:\/\/[^/]*@/.test(u), { message: 'credentials are not allowed in the stream URL' });

export const LiveRecap = z.object({
  /** The forum thread (kind live_recap) made when the session ended; null while the forum cannot take it. */
  threadId: z.string().nullable(),
  /** App path of the recap: the thread, else the session page that shows `markdown`. */
  link: z.string(),
  /** The recap body (Markdown subset): the answered questions, most upvoted first. */
  markdown: z.string(),
});

export const LiveSession = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  hostName: z.string(),
  /** The member who hosts (may start, end and mark questions answered); null when an operator hosts. */
  hostMemberId: z.string().nullable(),
  /** Set when the session belongs to a group: only those who can read the group may enter. */
  groupId: z.string().nullable(),
  streamUrl: z.string(),
  scheduledAt: Timestamp,
  status: LiveStatus,
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  subscriberCount: z.number().int(),
  recap: LiveRecap.nullable(),
});
export type LiveSession = z.infer<typeof LiveSession>;

/** Upcoming: live ones first, then scheduled by start time. Past: ended or cancelled, newest first. */
export const LiveSessionList = z.object({ upcoming: z.array(LiveSession), past: z.array(LiveSession) });

export const LiveSessionDetail = LiveSession.extend({
  /** Whether I booked a reminder (预约). */
  subscribed: z.boolean(),
  /** Whether I am the host (the app shows the host's controls). */
  isHost: z.boolean(),
});
export type LiveSessionDetail = z.infer<typeof LiveSessionDetail>;

export const ConsoleLiveSession = LiveSession.extend({
  hostOperatorId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  commentCount: z.number().int(),
  questionCount: z.number().int(),
});
export type ConsoleLiveSession = z.infer<typeof ConsoleLiveSession>;

export const ConsoleLiveQuery = z.strictObject({
  status: LiveStatus.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const sessionFields = {
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().max(2000),
  /** Shown as the host, e.g. "理财师·王磊". */
  hostName: z.string().trim().min(1).max(32),
  /** A member who hosts; omit (or null) when the scheduling operator hosts. */
  hostMemberId: z.uuid().nullable(),
  streamUrl: StreamUrl,
  /** Must be in the future. */
  scheduledAt: z.iso.datetime({ offset: true }),
};

export const ScheduleLiveRequest = z.strictObject({
  ...sessionFields,
  description: sessionFields.description.default(''),
  hostMemberId: sessionFields.hostMemberId.optional(),
  /** Ties the session to a group: its channel and pages follow the group's visibility. */
  groupId: z.uuid().optional(),
});
export type ScheduleLiveRequest = z.infer<typeof ScheduleLiveRequest>;

/** Any subset; the start time can change only before the session starts. */
export const UpdateLiveRequest = z
  .strictObject({
    title: sessionFields.title.optional(),
    description: sessionFields.description.optional(),
    hostName: sessionFields.hostName.optional(),
    hostMemberId: sessionFields.hostMemberId.optional(),
    streamUrl: sessionFields.streamUrl.optional(),
    scheduledAt: sessionFields.scheduledAt.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type UpdateLiveRequest = z.infer<typeof UpdateLiveRequest>;

export const LiveSubscriptionState = z.object({ subscribed: z.boolean(), subscriberCount: z.number().int() });

export const LiveAuthor = z.object({
  id: z.string(),
  nickname: z.string(),
  badges: z.array(z.enum(['staff', 'expert'])),
});
export type LiveAuthor = z.infer<typeof LiveAuthor>;

/** Why readers see a warning next to flagged text (e.g. 加微信 → contact): shown, not hidden. */
export const LiveWarning = z.enum(['contact', 'promise', 'other']).nullable();

/** Text as typed, never HTML: apps render it as text. */
export const LiveTextRequest = z.strictObject({ body: z.string().max(1000) });

export const LiveComment = z.object({
  id: z.string(),
  sessionId: z.string(),
  author: LiveAuthor,
  body: z.string(),
  warning: LiveWarning,
  /** 'held' only in the author's own response: the word filter sent it to review. */
  status: z.enum(['visible', 'held']),
  createdAt: Timestamp,
});
export type LiveComment = z.infer<typeof LiveComment>;

/** Oldest first within the page; pass `nextBefore` as `before` for the earlier page (null: no more). */
export const LiveCommentPage = z.object({ items: z.array(LiveComment), nextBefore: z.string().nullable() });

export const LiveCommentsQuery = z.strictObject({
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(50),
});

export const LiveQuestionState = z.object({
  id: z.string(),
  sessionId: z.string(),
  author: LiveAuthor,
  body: z.string(),
  warning: LiveWarning,
  upvotes: z.number().int(),
  status: z.enum(['open', 'answered', 'held']),
  answeredAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export const LiveQuestion = LiveQuestionState.extend({ upvotedByMe: z.boolean() });
export type LiveQuestion = z.infer<typeof LiveQuestion>;

/** Most upvoted first, then oldest first. */
export const LiveQuestionList = z.object({ items: z.array(LiveQuestion) });

/** `live.comment` on `live:<id>`; a hidden comment travels as its id only (its text must not be spread further). */
export const LiveCommentEvent = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['created', 'restored']), comment: LiveComment }),
  z.object({ action: z.literal('hidden'), id: z.string() }),
]);
/** `live.question` on `live:<id>`: the question's new state (without the per-reader `upvotedByMe`), or a hidden one's id. */
export const LiveQuestionEvent = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['created', 'upvoted', 'answered', 'restored']), question: LiveQuestionState }),
  z.object({ action: z.literal('hidden'), id: z.string() }),
]);
/** `live.state` on `live:<id>`: the session after it was edited, started, ended or cancelled. */
export const LiveStateEvent = z.object({ session: LiveSession });
