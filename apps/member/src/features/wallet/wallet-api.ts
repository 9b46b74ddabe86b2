import type { PaymentChannel, StatementPage, TopUpResponse, Wallet, WalletOrder } from '@quanzi/contracts';
import { api } from '../../shared/api';

/** The wallet endpoints the pages use. Money-moving calls carry the Idempotency-Key their page keeps per attempt. */
export const walletApi = {
  wallet: () => api<Wallet>('GET', '/wallet'),
  orders: (page: number, type?: 'top_up' | 'withdrawal') =>
    api<{ items: WalletOrder[]; total: number }>('GET', `/wallet/orders?page=${page}&pageSize=20${type ? `&type=${type}` : ''}`),
  order: (id: string) => api<WalletOrder>('GET', `/wallet/orders/${encodeURIComponent(id)}`),
  statements: (account: 'available' | 'frozen' | 'experience', before?: string) =>
    api<StatementPage>('GET', `/wallet/statements?account=${account}&limit=20${before ? `&before=${before}` : ''}`),
  topUp: (amount: string, cardId: string, channel: PaymentChannel, key: string) =>
    api<TopUpResponse>('POST', '/wallet/top-ups', { amount, cardId, channel }, { headers: { 'idempotency-key': key } }),
  withdraw: (amount: string, cardId: string, paymentPassword: string, key: string) =>
    api<WalletOrder>('POST', '/wallet/withdrawals', { amount, cardId, paymentPassword }, { headers: { 'idempotency-key': key } }),
};
