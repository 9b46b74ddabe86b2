import type {
  AuthorCard,
  Group,
  GroupMemberList as GroupMemberListSchema,
  GroupRole,
  Message,
  MessagePage as MessagePageSchema,
  Page,
  Product,
  SearchKind,
  SearchPage,
} from '@quanzi/contracts';
import { api } from '../../shared/api';
import { postRaw } from '../../shared/post-raw';

export type { AuthorCard, Group, GroupRole, Message, SearchKind, SearchPage };

type Parsed<S extends { _output: unknown }> = S['_output'];
export type MessagePage = Parsed<typeof MessagePageSchema>;
export type GroupMemberList = Parsed<typeof GroupMemberListSchema>;
export type GroupMember = GroupMemberList['items'][number];
export type GroupView = 'mine' | 'discover';
export type ReactionCount = { emoji: Message['reactions'][number]['emoji']; count: number };

export { WaitError } from '../../shared/post-raw';

const enc = encodeURIComponent;
const query = (params: Record<string, string | number | undefined | null>) => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

export interface PostBody {
  text?: string;
  replyToId?: string;
  mentions?: string[];
  imageId?: string;
  productId?: string;
}

/** The group, chat and search endpoints the community pages use. */
export const communityApi = {
  groups: (view: GroupView, cursor?: string | null) =>
    api<{ items: Group[]; nextCursor: string | null }>('GET', `/groups${query({ view, cursor, limit: 20 })}`),
  group: (id: string) => api<Group>('GET', `/groups/${enc(id)}`),
  join: (id: string, inviteCode?: string) =>
    api<{ state: 'active' | 'pending'; role: GroupRole }>('POST', `/groups/${enc(id)}/join`, inviteCode ? { inviteCode } : {}),
  joinByCode: (inviteCode: string) =>
    api<{ groupId: string; state: 'active' | 'pending'; role: GroupRole }>('POST', '/groups/join-by-code', { inviteCode }),
  leave: (id: string) => api<{ ok: boolean }>('POST', `/groups/${enc(id)}/leave`),
  messages: (id: string, q: { before?: string; after?: string; limit?: number } = {}) =>
    api<MessagePage>('GET', `/groups/${enc(id)}/messages${query({ before: q.before, after: q.after, limit: q.limit ?? 30 })}`),
  post: (id: string, body: PostBody) => postRaw<Message>(`/groups/${enc(id)}/messages`, JSON.stringify(body), 'application/json'),
  uploadImage: (id: string, file: Blob) =>
    postRaw<{ id: string; url: string; width: number; height: number }>(
      `/groups/${enc(id)}/images`,
      file,
      file.type || 'application/octet-stream',
    ),
  recall: (messageId: string) => api<Message>('POST', `/messages/${enc(messageId)}/recall`),
  react: (messageId: string, emoji: string, on: boolean) =>
    api<{ messageId: string; reactions: ReactionCount[] }>('POST', `/messages/${enc(messageId)}/reactions`, { emoji, on }),
  read: (id: string, seq: string) => api<{ ok: boolean }>('POST', `/groups/${enc(id)}/read`, { seq }),
  mute: (id: string, muted: boolean) => api<{ muted: boolean }>('PUT', `/groups/${enc(id)}/mute`, { muted }),
  members: (id: string, state: 'active' | 'pending' = 'active', cursor?: string | null) =>
    api<GroupMemberList>('GET', `/groups/${enc(id)}/members${query({ state, cursor, limit: 50 })}`),
  decideJoin: (id: string, memberId: string, approve: boolean) =>
    api<{ approved: boolean }>('POST', `/groups/${enc(id)}/join-requests`, { memberId, approve }),
  update: (id: string, body: { slowModeSeconds?: number; announcement?: string | null }) => api<Group>('PATCH', `/groups/${enc(id)}`, body),
  pin: (id: string, messageId: string | null) => api<Group>('PUT', `/groups/${enc(id)}/pin`, { messageId }),
  rotateInvite: (id: string) => api<{ inviteCode: string }>('POST', `/groups/${enc(id)}/invite-code`),
  blocks: () => api<{ items: AuthorCard[] }>('GET', '/me/blocks'),
  block: (memberId: string, blocked: boolean) => api<{ memberId: string; blocked: boolean }>('PUT', '/me/blocks', { memberId, blocked }),
  products: (page: number) => api<Page<Product>>('GET', `/products${query({ page, pageSize: 20 })}`),
  search: (q: string, kind: SearchKind | undefined, cursor?: string | null) =>
    api<SearchPage>('GET', `/search${query({ q, kind, cursor, limit: 20 })}`),
};
