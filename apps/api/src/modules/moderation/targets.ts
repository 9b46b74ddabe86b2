import type { ModerationTargetType } from '@quanzi/contracts';
import type { Executor, Tx } from '../../platform/db/connect.js';

export type TargetType = ModerationTargetType;

/** What moderation needs to know about a target, from the module that owns it. */
export interface TargetDescription {
  /** The author of the content; for a 'member' target, the member. Null for official content. */
  authorId: string | null;
  /** The content as written (redacted before it reaches the log). For 'member' targets it is not published. */
  text: string;
  groupId: string | null;
  /** Where staff open it in the apps ("/groups/…"); null when there is no page. */
  link: string | null;
  /**
   * Who may read it. A private target's excerpt never reaches the public log. When omitted:
   * 'private' if it belongs to a group (fail closed), 'public' otherwise.
   */
  visibility?: 'public' | 'private';
  /** Held for review: only its author can see it, so for anyone else it does not exist. */
  held?: boolean;
}

/** What moderation asks the owning module to carry out on a target. */
export type TargetEffect = 'hide' | 'delete' | 'restore' | 'release' | 'remove_from_group';

/**
 * Implemented by community (message, member), forum (thread, reply) and live (live_comment), and
 * registered at construction. Both methods run inside moderation's transaction.
 */
export interface TargetHandler {
  /** Undefined when the target does not exist (or was withdrawn/deleted by its owner). */
  describe(trx: Executor, id: string): Promise<TargetDescription | undefined>;
  /**
   * Carries out an effect. Content: hide/delete (out of sight and out of the search index, in this
   * transaction), restore (back after a hide/delete), release (first shown after a filter hold).
   * 'member' targets: remove_from_group removes `id` from ctx.groupId; restore re-admits them there
   * (an overturned removal). Must not throw for a target that `describe` just found.
   */
  apply(trx: Tx, id: string, effect: TargetEffect, ctx: { groupId: string | null }): Promise<void>;
}

export type GroupRole = 'owner' | 'admin' | 'expert' | 'member';
/** The member's role in a group, or null when they are not in it (community registers this). */
export type GroupRoleLookup = (groupId: string, memberId: string) => Promise<GroupRole | null>;
/** Whether the member may read the group's content (community registers this). */
export type GroupReaderLookup = (groupId: string, memberId: string) => Promise<boolean>;

/**
 * Moderation knows no other module's tables: the modules that own content register a handler per
 * target type, and community registers the group-role lookup. A later registration replaces an
 * earlier one (tests substitute their own).
 */
export class TargetRegistry {
  private readonly handlers = new Map<TargetType, TargetHandler>();
  private lookup: GroupRoleLookup | undefined;
  private reader: GroupReaderLookup | undefined;

  register(type: TargetType, handler: TargetHandler): void {
    this.handlers.set(type, handler);
  }

  handler(type: TargetType): TargetHandler | undefined {
    return this.handlers.get(type);
  }

  setGroupRoleLookup(lookup: GroupRoleLookup): void {
    this.lookup = lookup;
  }

  setGroupReaderLookup(lookup: GroupReaderLookup): void {
    this.reader = lookup;
  }

  /**
   * Whether the member may see what a target of this group is. Without a registered lookup only
   * the group's staff (a group role) may: fail closed.
   */
  async canReadGroup(groupId: string, memberId: string): Promise<boolean> {
    return this.reader ? this.reader(groupId, memberId) : (await this.groupRole(groupId, memberId)) !== null;
  }

  /** Null without a registered lookup: nobody holds a group role then. */
  async groupRole(groupId: string, memberId: string): Promise<GroupRole | null> {
    return this.lookup ? this.lookup(groupId, memberId) : null;
  }
}
