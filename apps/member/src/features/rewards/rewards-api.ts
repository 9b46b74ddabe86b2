import type { DrawResult, MallItem, MallOrder, MemberWheel, Page, ReferralSummary, ShippingAddress } from '@quanzi/contracts';
import { newIdempotencyKey } from '@quanzi/web-kit';
import { api } from '../../shared/api';

export const rewardsApi = {
  wheels: () => api<{ items: MemberWheel[] }>('GET', '/lottery'),
  wheel: (id: string) => api<MemberWheel>('GET', `/lottery/${id}`),
  /** One key per tap: a retry of the same tap replays the first result. */
  draw: (id: string, key = newIdempotencyKey()) =>
    api<DrawResult>('POST', `/lottery/${id}/draws`, undefined, { headers: { 'idempotency-key': key } }),
  myDraws: (page: number) => api<Page<DrawResult>>('GET', `/me/lottery/draws?page=${page}&pageSize=20`),
  setAddress: (drawId: string, address: ShippingAddress) => api<DrawResult>('POST', `/lottery/draws/${drawId}/address`, address),
  items: (page: number) => api<Page<MallItem>>('GET', `/mall/items?page=${page}&pageSize=20`),
  order: (body: { itemId: string; quantity: number; address?: ShippingAddress }, key = newIdempotencyKey()) =>
    api<MallOrder>('POST', '/mall/orders', body, { headers: { 'idempotency-key': key } }),
  myOrders: (page: number) => api<Page<MallOrder>>('GET', `/me/mall/orders?page=${page}&pageSize=20`),
  referral: () => api<ReferralSummary>('GET', '/me/referral'),
  bind: (code: string) => api<{ status: string }>('POST', '/me/referral/bind', { code }),
};
