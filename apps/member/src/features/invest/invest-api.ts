import type {
  EarningsDay as EarningsDaySchema,
  Holding,
  Page,
  Product,
  PurchaseRequest as PurchaseRequestSchema,
  PurchaseResponse as PurchaseResponseSchema,
  Redemption as RedemptionSchema,
} from '@quanzi/contracts';
import { api } from '../../shared/api';

export type { Holding, Product } from '@quanzi/contracts';

/** What a contract schema parses to (`z.infer`), for the schemas @quanzi/contracts exports without a type. */
type Parsed<S extends { _output: unknown }> = S['_output'];

export type ProductType = Product['type'];
export type Redemption = Parsed<typeof RedemptionSchema>;
export type EarningsDay = Parsed<typeof EarningsDaySchema>;
export type PurchaseResponse = Parsed<typeof PurchaseResponseSchema>;
/** The body of `POST /investments` as sent (defaults not yet applied). */
export type PurchaseRequest = (typeof PurchaseRequestSchema)['_input'];

const HOLDINGS_PAGE = 100;

/**
 * The investing endpoints the pages use. Products come newest first and are never re-sorted here:
 * ranking by benchmark is what the rules on marketing financial products forbid. Money-moving calls
 * carry the Idempotency-Key their page keeps per attempt.
 */
export const investApi = {
  products: (page: number, type?: ProductType) =>
    api<Page<Product>>('GET', `/products?page=${page}&pageSize=10${type ? `&type=${type}` : ''}`),
  product: (id: string) => api<Product>('GET', `/products/${encodeURIComponent(id)}`),
  purchase: (body: PurchaseRequest, key: string) =>
    api<PurchaseResponse>('POST', '/investments', body, { headers: { 'idempotency-key': key } }),
  holdings: (active: boolean, page: number, pageSize = 20) =>
    api<Page<Holding>>('GET', `/holdings?active=${active}&page=${page}&pageSize=${pageSize}`),
  /** Every holding of one kind (active or past), for the totals on the invest tab. */
  allHoldings: async (active: boolean): Promise<Holding[]> => {
    const all: Holding[] = [];
    for (let page = 1; ; page++) {
      const batch = await investApi.holdings(active, page, HOLDINGS_PAGE);
      all.push(...batch.items);
      if (batch.items.length < HOLDINGS_PAGE || all.length >= batch.total) return all;
    }
  },
  holding: (id: string) => api<Holding>('GET', `/holdings/${encodeURIComponent(id)}`),
  redeem: (holdingId: string, amount: string, key: string) =>
    api<{ items: Redemption[] }>(
      'POST',
      `/holdings/${encodeURIComponent(holdingId)}/redemptions`,
      { amount },
      {
        headers: { 'idempotency-key': key },
      },
    ),
  redemptions: (holdingId: string) => api<{ items: Redemption[] }>('GET', `/holdings/${encodeURIComponent(holdingId)}/redemptions`),
  earnings: (days: number) => api<{ items: EarningsDay[] }>('GET', `/earnings?days=${days}`),
};
