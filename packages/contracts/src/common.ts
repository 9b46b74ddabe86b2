import { z } from 'zod';

/** Every error the API returns has this shape; `code` is stable, `message` is in the caller's language. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Mainland China mobile number: 11 digits starting with 1[3-9]. */
export const Phone = z.string().regex(/^1[3-9]\d{9}$/, 'INVALID_PHONE');

/** Money travels as a string of integer fen ("10010" = ¥100.10), never a float. */
export const Fen = z.string().regex(/^-?\d+$/);

export const Timestamp = z.string().describe('ISO 8601 timestamp');
