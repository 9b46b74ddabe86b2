import type { MemberProfile } from '@quanzi/contracts';
import type { MemberPrincipal } from '../../platform/http/auth.js';
import type { InvalidationBus } from '../../platform/invalidation-bus.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;
const TOPIC = 'identity.member';

class TtlMap<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  get(key: string, now: number): V | undefined {
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (hit) this.entries.delete(key);
    return undefined;
  }
  set(key: string, value: V, now: number): void {
    // Map iterates in insertion order: when full, the oldest entry goes.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until: now + TTL_MS });
  }
  deleteWhere(predicate: (key: string, value: V) => boolean): void {
    for (const [key, { value }] of this.entries) if (predicate(key, value)) this.entries.delete(key);
  }
}

/**
 * Every member request resolves a session and most read the profile; both are cached in-process
 * for five seconds so the hot path skips the database. Any committed change to a member (login
 * state, profile, cards, closure) evicts that member everywhere through the invalidation bus —
 * locally at once and on other instances via Redis — so the TTL only bounds the damage of a lost
 * broadcast.
 */
export class MemberCache {
  private readonly sessions = new TtlMap<MemberPrincipal>();
  private readonly profiles = new TtlMap<MemberProfile>();

  constructor(private readonly bus: InvalidationBus) {
    bus.on(TOPIC, (memberId) => this.drop(memberId));
  }

  session(tokenHash: string, now: number): MemberPrincipal | undefined {
    return this.sessions.get(tokenHash, now);
  }
  rememberSession(tokenHash: string, principal: MemberPrincipal, now: number): void {
    this.sessions.set(tokenHash, principal, now);
  }
  profile(memberId: string, now: number): MemberProfile | undefined {
    return this.profiles.get(memberId, now);
  }
  rememberProfile(profile: MemberProfile, now: number): void {
    this.profiles.set(profile.id, profile, now);
  }

  /** Runs on every instance after any committed change to a member (sockets re-check their session). */
  onChanged(listener: (memberId: string) => void): void {
    this.bus.on(TOPIC, listener);
  }

  /** Call after commit (see transact.afterCommit). */
  invalidate(memberId: string): void {
    this.bus.publish(TOPIC, memberId);
  }

  private drop(memberId: string): void {
    this.sessions.deleteWhere((_, p) => p.memberId === memberId);
    this.profiles.deleteWhere((id) => id === memberId);
  }
}
