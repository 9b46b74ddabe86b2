import { referralFacts } from './referral-facts.js';
import type { SmsPurpose } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/connect.js';
import type { MemberPrincipal, OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { SmsModule } from '../sms/index.js';
import { lookupBin } from './bank-bins.js';
import { bindBankCard, type BindCardInput } from './bind-bank-card.js';
import { sandboxCardVerifier, type CardVerifier } from './card-verifier.js';
import { closeAccount } from './close-account.js';
import { ClosureChecks } from './closure-checks.js';
import { MemberCache } from './member-cache.js';
import { getMemberDetail, searchMembers } from './console-members.js';
import type { ClientInfo, IdentityDeps, LoginGuard } from './deps.js';
import { nicknamesOf, setNickname } from './nicknames.js';
import { getMemberProfile } from './get-member-profile.js';
import { listDevices, listLoginHistory } from './list-devices.js';
import { loginMember } from './login-member.js';
import { revokeMemberSession } from './logout-member.js';
import { setPaymentPassword, verifyPaymentPassword } from './payment-password.js';
import { purgeExpiredSessions } from './purge-expired-sessions.js';
import { registerMember, type RegisterInput } from './register-member.js';
import { audiencePage, liveSessionIds, memberById, memberIdByPhoneIndex, phoneIndexTaken, phonesOf } from './repo.js';
import { resolveMemberSession } from './resolve-member-session.js';
import { resetLoginPassword, type PasswordResetInput } from './reset-login-password.js';
import { resetPaymentPassword, sendPaymentResetCode, type PaymentPasswordResetInput } from './reset-payment-password.js';
import { reindexPii, type ReindexOptions } from './reindex-pii.js';
import { revealMemberPii, type RevealInput } from './reveal-member-pii.js';
import { unbindBankCard } from './unbind-bank-card.js';
import { verifyRealName } from './verify-real-name.js';
import { seedDemoMembers, type DemoMember } from './seed-demo-members.js';

export { identityMemberRoutes, AUTH_RATE_LIMITS } from './routes.member.js';
export { identityConsoleRoutes } from './routes.console.js';
export type { ClientInfo } from './deps.js';
export { SANDBOX_DECLINED_SUFFIX } from './card-verifier.js';

export function createIdentityModule(
  platform: Platform,
  modules: { audit: AuditModule; sms: SmsModule },
  options: { cardVerifier?: CardVerifier } = {},
) {
  const deps: IdentityDeps = {
    db: platform.db,
    clock: platform.clock,
    vault: platform.vault,
    outbox: platform.outbox,
    audit: modules.audit,
    sms: modules.sms,
    cardVerifier: options.cardVerifier ?? sandboxCardVerifier,
    closureChecks: new ClosureChecks(),
    cache: new MemberCache(platform.bus),
  };
  return {
    /** Other modules register what would block a member's account closure (open money, holdings, loans). */
    registerClosureCheck: (module: string, check: (memberId: string) => Promise<string | null>) =>
      deps.closureChecks.register(module, check),
    sendCode: (phone: string, purpose: SmsPurpose) => modules.sms.sendCode(phone, purpose),
    phoneRegistered: (phone: string) => phoneIndexTaken(deps.db, deps.vault.blindIndexes('phone', phone)),
    register: (input: RegisterInput, client: ClientInfo) => registerMember(deps, input, client),
    login: (phone: string, password: string, client: ClientInfo, smsCode?: string) => loginMember(deps, phone, password, client, smsCode),
    /** Risk asks for an SMS code on a login from a new device or region (step-up). */
    setLoginGuard: (guard: LoginGuard) => void (deps.loginGuard = guard),
    resolveSession: (token: string) => resolveMemberSession(deps, token),
    /** Of these session ids, the live ones (not revoked or expired, account open) → their member; for sockets. */
    async liveSessions(sessionIds: readonly string[]): Promise<Map<string, string>> {
      if (!sessionIds.length) return new Map();
      const rows = await liveSessionIds(deps.db, sessionIds, deps.clock.now());
      return new Map(rows.map((r) => [r.id, r.member_id]));
    },
    /**
     * Called on every instance after any committed change to a member — sign-out, a revoked device,
     * closure, and also profile changes (cheap: only that member's sockets are re-checked).
     */
    onMemberChanged: (listener: (memberId: string) => void) => deps.cache.onChanged(listener),
    revokeSession: (principal: MemberPrincipal, sessionId: string, client: ClientInfo) =>
      revokeMemberSession(deps, principal, sessionId, client),
    profile: (memberId: string) => getMemberProfile(deps, memberId),
    /** Display names of many members at once, for community screens. */
    nicknames: (ids: readonly string[], db: Executor = deps.db) => nicknamesOf(db, ids),
    setNickname: (memberId: string, nickname: string) => setNickname(deps, memberId, nickname),
    /** The blind index of a member's ID number (risk links accounts sharing one); never the number. */
    idNumberIndexOf: async (memberId: string, db: Executor = deps.db) => (await memberById(db, memberId))?.id_number_index ?? null,
    verifyRealName: (memberId: string, name: string, idNumber: string, client: ClientInfo) =>
      verifyRealName(deps, memberId, name, idNumber, client),
    lookupBin,
    bindCard: (memberId: string, input: BindCardInput, client: ClientInfo) => bindBankCard(deps, memberId, input, client),
    unbindCard: (memberId: string, cardId: string, client: ClientInfo) => unbindBankCard(deps, memberId, cardId, client),
    setPaymentPassword: (memberId: string, pin: string, current: string | undefined, client: ClientInfo) =>
      setPaymentPassword(deps, memberId, pin, current, client),
    verifyPaymentPassword: (memberId: string, pin: string, client: ClientInfo) => verifyPaymentPassword(deps, memberId, pin, client),
    /** 忘记密码 (signed out): SMS code + the ID number's last four for verified members; ends every session. */
    resetPassword: (input: PasswordResetInput, client: ClientInfo) => resetLoginPassword(deps, input, client),
    sendPaymentResetCode: (memberId: string) => sendPaymentResetCode(deps, memberId),
    /** 找回支付密码 (signed in): SMS code + real name and ID number + one bound card's number. */
    resetPaymentPassword: (memberId: string, input: PaymentPasswordResetInput, client: ClientInfo) =>
      resetPaymentPassword(deps, memberId, input, client),
    devices: (principal: MemberPrincipal) => listDevices(deps, principal),
    loginHistory: (memberId: string, page: number, pageSize: number) => listLoginHistory(deps, memberId, page, pageSize),
    closureBlockers: (memberId: string) => deps.closureChecks.blockers(memberId),
    close: (memberId: string, password: string, client: ClientInfo) => closeAccount(deps, memberId, password, client),
    searchMembers: (q: string | undefined, page: number, pageSize: number) => searchMembers(deps, q, page, pageSize),
    memberDetail: (memberId: string) => getMemberDetail(deps, memberId),
    reveal: (operator: OperatorPrincipal, memberId: string, input: RevealInput, client: ClientInfo) =>
      revealMemberPii(deps, operator, memberId, input, client),
    purgeExpiredSessions: (now: Date) => purgeExpiredSessions(deps.db, now),
    /** The pii-reindex job: blind indexes and ciphertexts rewritten under the current QUANZI_SECRET, a batch at a time. */
    reindexPii: (options?: ReindexOptions) => reindexPii(deps, options),
    seedDemo: (members: DemoMember[]) => seedDemoMembers(deps, members),

    // ---- for the touch layer (notifications)
    /** Active member ids in id order after `after` (keyset), optionally seen since `activeSince` or among `among`. */
    audiencePage: (q: { after: string | null; limit: number; activeSince?: Date | undefined; among?: readonly string[] | undefined }) =>
      audiencePage(deps.db, q),
    /** Decrypted phone numbers of active members (for SMS delivery; never logged). */
    async phonesOf(ids: readonly string[]): Promise<Map<string, string>> {
      const rows = await phonesOf(deps.db, ids);
      return new Map(rows.filter((r) => r.phone_enc).map((r) => [r.id, deps.vault.decrypt(r.phone_enc!)]));
    },
    memberIdByPhone: (phone: string) => memberIdByPhoneIndex(deps.db, deps.vault.blindIndexes('phone', phone)),

    // ---- for referral checks
    /** Hashed facts (devices, ID, cards, phone prefix) to compare an inviter with an invitee; pass the caller's transaction. */
    referralFacts: (ids: readonly string[], db: Executor = deps.db) => referralFacts(db, deps.vault, ids),
  };
}
export type { ReferralFacts } from './referral-facts.js';
export type IdentityModule = ReturnType<typeof createIdentityModule>;
