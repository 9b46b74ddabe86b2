import type { DomainEvent } from '../../platform/events/outbox.js';
import { transact } from '../../platform/db/transact.js';
import type { CommunityOpsDeps } from './deps.js';
import * as repo from './repo.js';
import { effectiveSettings } from './settings.js';

export interface JoinedMember {
  groupId: string;
  memberId: string;
  joinedAt: Date;
}

export function joinedFrom(event: DomainEvent): JoinedMember | null {
  const p = event.payload;
  if (typeof p.groupId !== 'string' || typeof p.memberId !== 'string' || typeof p.joinedAt !== 'string') return null;
  return { groupId: p.groupId, memberId: p.memberId, joinedAt: new Date(p.joinedAt) };
}

/** Fills `{{nickname}}` and `{{group}}` (the only variables a welcome template may use). */
export function renderWelcome(template: string, vars: { nickname: string; group: string }): string {
  return template.replace(/\{\{\s*(nickname|group)\s*\}\}/g, (_, name: 'nickname' | 'group') => vars[name]);
}

/**
 * The group's welcome message, posted by the official account when a member becomes active —
 * once per membership (the join time is part of the key, so a member who left and came back is
 * welcomed again, a redelivered event is not).
 */
export async function welcome(deps: CommunityOpsDeps, joined: JoinedMember): Promise<boolean> {
  const { welcomeTemplate } = await effectiveSettings(deps.db, joined.groupId);
  if (!welcomeTemplate) return false;
  const nickname = (await deps.community.authorCards([joined.memberId])).get(joined.memberId)?.nickname ?? '新朋友';
  const group = (await deps.community.groupNames([joined.groupId])).get(joined.groupId) ?? '';
  return transact(deps.db, async (trx) => {
    await repo.lockGroupAutomation(trx, joined.groupId);
    if (!(await repo.claimWelcome(trx, joined.groupId, joined.memberId, joined.joinedAt))) return false;
    const posted = await deps.community.postOfficial(trx, joined.groupId, { text: renderWelcome(welcomeTemplate, { nickname, group }) });
    await repo.setWelcomeMessage(trx, joined.groupId, joined.memberId, joined.joinedAt, posted.id);
    return true;
  });
}
