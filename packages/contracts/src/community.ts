import { z } from 'zod';
import { Fen, Timestamp } from './common.js';

/** 圈子: public groups anyone may join; private ones by an admin's approval or an invite code. */
export const GroupVisibility = z.enum(['public', 'private']);
export const JoinPolicy = z.enum(['open', 'approval', 'invite']);
export const GroupRole = z.enum(['owner', 'admin', 'member']);
export type GroupRole = z.infer<typeof GroupRole>;
export const MembershipState = z.enum(['active', 'pending']);

/** Badges shown beside a name: platform staff and appointed experts are verified. */
export const Badge = z.enum(['staff', 'expert']);
export const TrustLevel = z.number().int().min(0).max(3);

export const AuthorCard = z.object({
  id: z.string(),
  nickname: z.string(),
  badges: z.array(Badge),
  /** Title of an expert badge ("持牌理财师"), null otherwise. */
  badgeTitle: z.string().nullable(),
  trustLevel: TrustLevel,
});
export type AuthorCard = z.infer<typeof AuthorCard>;

export const Group = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: GroupVisibility,
  joinPolicy: JoinPolicy,
  topic: z.string().nullable(),
  productId: z.string().nullable(),
  memberCount: z.number().int(),
  slowModeSeconds: z.number().int(),
  announcement: z.string().nullable(),
  lastMessageAt: Timestamp.nullable(),
  createdAt: Timestamp,
  /** The caller's place in the group; null when not a member. */
  me: z
    .object({
      role: GroupRole,
      state: MembershipState,
      muted: z.boolean(),
      unread: z.number().int(),
      lastReadSeq: z.string(),
    })
    .nullable(),
});
export type Group = z.infer<typeof Group>;

export const GroupList = z.object({ items: z.array(Group), nextCursor: z.string().nullable() });
export const GroupListQuery = z.object({
  /** `mine`: groups I joined (with unread counts); `discover`: public groups and private ones to ask for. */
  view: z.enum(['mine', 'discover']).default('discover'),
  q: z.string().trim().max(30).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const JoinGroupRequest = z.strictObject({ inviteCode: z.string().trim().max(32).optional() });
export const JoinGroupResponse = z.object({ state: MembershipState, role: GroupRole });

export const ReactionEmoji = z.enum(['👍', '❤️', '😂', '😮', '👏', '🙏']);
export type ReactionEmoji = z.infer<typeof ReactionEmoji>;

/** Newcomers (trust level 0) may share this many product cards a Shanghai day, chat and threads together. */
export const NEWCOMER_PRODUCT_CARDS_PER_DAY = 2;

/** A product shared in a group: live figures, read when the message is shown. */
export const ProductCard = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['demand', 'fixed']),
  riskLevel: z.number().int(),
  benchmarkBps: z.number().int(),
  remainingQuota: Fen,
  minAmount: Fen,
  purchasable: z.boolean(),
  /** 风险提示: the issuer's risk warning, shown on every card (suitability is checked at purchase). */
  riskWarning: z.string(),
});

export const MessageStatus = z.enum(['visible', 'held', 'recalled', 'hidden', 'deleted']);
export const Message = z.object({
  id: z.string(),
  groupId: z.string(),
  /** Per-group increasing number: read markers and history paging use it. */
  seq: z.string(),
  kind: z.enum(['text', 'image', 'product']),
  author: AuthorCard,
  /** Empty once recalled, hidden or deleted: the app shows "message withdrawn" or the rule. */
  text: z.string(),
  status: MessageStatus,
  /** Readers see this warning beside content that tries to take members off the platform. */
  warning: z.string().nullable(),
  mentions: z.array(z.string()),
  replyTo: z.object({ id: z.string(), authorNickname: z.string(), excerpt: z.string() }).nullable(),
  imageUrl: z.string().nullable(),
  image: z.object({ width: z.number().int(), height: z.number().int() }).nullable(),
  product: ProductCard.nullable(),
  reactions: z.array(z.object({ emoji: ReactionEmoji, count: z.number().int(), mine: z.boolean() })),
  createdAt: Timestamp,
});
export type Message = z.infer<typeof Message>;

export const MessagePage = z.object({
  items: z.array(Message),
  /** More older messages exist (page with `before=` the first seq). */
  hasMore: z.boolean(),
  pinned: Message.nullable(),
});
export const MessageQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  after: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const MESSAGE_MAX_CHARS = 2000;
export const PostMessageRequest = z.strictObject({
  text: z.string().max(20_000).default(''),
  replyToId: z.string().uuid().optional(),
  /** Members to notify; each must be in the group. The text carries "@昵称" for readers. */
  mentions: z.array(z.string().uuid()).max(20).optional(),
  imageId: z.string().uuid().optional(),
  productId: z.string().uuid().optional(),
});

export const ReactRequest = z.strictObject({ emoji: ReactionEmoji, on: z.boolean() });
export const ReadRequest = z.strictObject({ seq: z.string().regex(/^\d{1,18}$/) });
export const MuteGroupRequest = z.strictObject({ muted: z.boolean() });
export const ImageUploadResponse = z.object({ id: z.string(), url: z.string(), width: z.number().int(), height: z.number().int() });

export const GroupMember = z.object({
  member: AuthorCard,
  role: GroupRole,
  state: MembershipState,
  joinedAt: Timestamp,
});
export const GroupMemberList = z.object({ items: z.array(GroupMember), nextCursor: z.string().nullable() });

export const CreateGroupRequest = z.strictObject({
  name: z.string().trim().min(2).max(30),
  description: z.string().trim().max(500).default(''),
  visibility: GroupVisibility,
  joinPolicy: JoinPolicy,
  topic: z.string().trim().max(30).optional(),
  productId: z.string().uuid().optional(),
  slowModeSeconds: z.number().int().min(0).max(3600).default(0),
  /** A member (usually an appointed expert) who owns the group; operators manage it either way. */
  ownerMemberId: z.string().uuid().optional(),
});
export const UpdateGroupRequest = z.strictObject({
  slowModeSeconds: z.number().int().min(0).max(3600).optional(),
  announcement: z.string().trim().max(500).nullable().optional(),
  description: z.string().trim().max(500).optional(),
});
export const PinRequest = z.strictObject({ messageId: z.string().uuid().nullable() });
export const DecideJoinRequest = z.strictObject({ memberId: z.string().uuid(), approve: z.boolean() });
export const SetRoleRequest = z.strictObject({ memberId: z.string().uuid(), role: z.enum(['admin', 'member']) });
export const AppointExpertRequest = z.strictObject({ memberId: z.string().uuid(), title: z.string().trim().min(2).max(20) });
export const InviteCodeResponse = z.object({ inviteCode: z.string() });
export const ConsoleGroup = Group.omit({ me: true }).extend({ inviteCode: z.string().nullable(), pendingCount: z.number().int() });
export const Expert = z.object({ member: AuthorCard, title: z.string(), appointedAt: Timestamp });
export const SetNicknameRequest = z.strictObject({ nickname: z.string().trim().min(2).max(16) });
export const BlockRequest = z.strictObject({ memberId: z.string().uuid(), blocked: z.boolean() });
export const TrustStatus = z.object({
  level: TrustLevel,
  daysVisited: z.number().int(),
  postsRead: z.number().int(),
  repliesReceived: z.number().int(),
  /** What the next level needs, for the member's own page. */
  next: z
    .object({ level: TrustLevel, daysVisited: z.number().int(), postsRead: z.number().int(), repliesReceived: z.number().int() })
    .nullable(),
});
