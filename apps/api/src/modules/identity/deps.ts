import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { AuditModule } from '../audit/index.js';
import type { SmsModule } from '../sms/index.js';
import type { CardVerifier } from './card-verifier.js';
import type { ClosureChecks } from './closure-checks.js';
import type { MemberCache } from './member-cache.js';

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  vault: PiiVault;
  outbox: Outbox;
  audit: AuditModule;
  sms: SmsModule;
  cardVerifier: CardVerifier;
  closureChecks: ClosureChecks;
  cache: MemberCache;
  /** Risk's step-up check for a login with the right password (set at composition; none: never asked). */
  loginGuard?: LoginGuard | undefined;
}

/** Must this login also give an SMS code, and why (shown to the member)? */
export type LoginGuard = (input: {
  memberId: string;
  deviceId: string | null;
  ip: string;
}) => Promise<{ stepUpRequired: boolean; reasons: string[]; evidence?: string[] }>;

/** Where a request came from; recorded on sessions, login history and the audit log. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  deviceId?: string | undefined;
}

export const SESSION_TTL_MS = 30 * 24 * 3600_000;
export const LOGIN_LOCK = { maxFailures: 5, minutes: 15 } as const;
export const PAYMENT_LOCK = { maxFailures: 5, minutes: 30 } as const;
/** Wrong answers to the reset questions: the login rule (five, fifteen minutes), on a counter of its own. */
export const RESET_LOCK = LOGIN_LOCK;
export const MAX_BANK_CARDS = 5;
