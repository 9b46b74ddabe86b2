import type { Wallet } from '@quanzi/contracts';
import { shanghaiDayStart } from '../../platform/clock.js';
import type { WalletDeps } from './deps.js';
import { withdrawableCardIds } from './funding-eligibility.js';
import { WALLET_POLICY } from './policy.js';
import * as repo from './repo.js';

const left = (limit: bigint, used: bigint) => String(limit > used ? limit - used : 0n);

export async function getWallet(deps: WalletDeps, memberId: string): Promise<Wallet> {
  const since = shanghaiDayStart(deps.clock.now());
  const [balances, profile, toppedUp, withdrawn] = await Promise.all([
    deps.ledger.memberBalances(memberId),
    deps.identity.profile(memberId),
    repo.usedToday(deps.db, memberId, 'top_up', since),
    repo.usedToday(deps.db, memberId, 'withdrawal', since),
  ]);
  const withdrawable = await withdrawableCardIds(deps, profile);
  return {
    available: String(balances.member_available),
    frozen: String(balances.member_frozen),
    experience: String(balances.member_experience),
    topUpRemainingToday: left(WALLET_POLICY.dailyTopUpLimit, toppedUp),
    withdrawalRemainingToday: left(WALLET_POLICY.dailyWithdrawalLimit, withdrawn),
    reviewThreshold: String(WALLET_POLICY.reviewThreshold),
    cards: profile.bankCards.map((c) => ({
      id: c.id,
      bankName: c.bankName,
      cardMasked: c.cardMasked,
      withdrawable: withdrawable.has(c.id),
    })),
    ready: profile.realName !== null && profile.bankCards.length > 0,
    channels: [...deps.gateways.keys()].filter((c): c is 'alipay' | 'wechat' => c === 'alipay' || c === 'wechat'),
  };
}
