import { z } from 'zod';
import { Timestamp } from './common.js';

/** One rule of the community charter; moderation cites rules by `code` (e.g. "R2"). */
export const CharterRule = z.strictObject({
  code: z.string().regex(/^R\d{1,3}$/),
  title: z.string().trim().min(2).max(40),
  body: z.string().trim().min(5).max(1000),
});
export type CharterRule = z.infer<typeof CharterRule>;

export const CharterVersion = z.object({
  version: z.number().int(),
  rules: z.array(CharterRule),
  summary: z.string(),
  publishedBy: z.string(),
  publishedAt: Timestamp,
});
export type CharterVersion = z.infer<typeof CharterVersion>;

export const CharterVersionInfo = CharterVersion.omit({ rules: true });

export const PublicCharter = z.object({ current: CharterVersion, versions: z.array(CharterVersionInfo) });

export const PublishCharterRequest = z.strictObject({
  rules: z.array(CharterRule).min(1).max(50),
  /** What changed and why, shown in the version history. */
  summary: z.string().trim().min(2).max(500),
});

export const CharterDiffEntry = z.object({
  code: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: CharterRule.nullable(),
  after: CharterRule.nullable(),
});
export const CharterDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(CharterDiffEntry) });
