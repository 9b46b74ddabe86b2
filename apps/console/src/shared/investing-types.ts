import type {
  ConsoleHolding as ConsoleHoldingSchema,
  ConsoleInvestOrder as ConsoleInvestOrderSchema,
  CreateProductRequest as CreateProductRequestSchema,
  IssuerKind as IssuerKindSchema,
  ProductStatus as ProductStatusSchema,
} from '@quanzi/contracts';

export type { Issuer, Product } from '@quanzi/contracts';

/** What a contract schema parses to (`z.infer`), for the schemas @quanzi/contracts exports without a type. */
type Parsed<S extends { _output: unknown }> = S['_output'];

export type ConsoleHolding = Parsed<typeof ConsoleHoldingSchema>;
export type ConsoleInvestOrder = Parsed<typeof ConsoleInvestOrderSchema>;
export type ProductStatus = Parsed<typeof ProductStatusSchema>;
export type IssuerKind = Parsed<typeof IssuerKindSchema>;
export type ProductType = 'demand' | 'fixed';
export type FundedBy = ConsoleHolding['fundedBy'];
export type HoldingStatus = ConsoleHolding['status'];
/** The body of `POST /investing/products` as sent (defaults not yet applied). */
export type CreateProductRequest = (typeof CreateProductRequestSchema)['_input'];

/** One declared 万份收益 (`GET /investing/products/:id/yields`). */
export interface DeclaredYield {
  day: string;
  per10k: string;
  declaredBy: string;
  credited: boolean;
}
