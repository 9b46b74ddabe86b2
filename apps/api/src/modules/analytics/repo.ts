import type { Generated } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

/** Analytics' own tables (ARCHITECTURE.md, invariant 1). Member ids only, never personal data. */
export interface AnalyticsEventsTable {
  id: string;
  name: string;
  source: 'client' | 'server';
  anonymous_id: string | null;
  member_id: string | null;
  occurred_at: Date;
  received_at: Date;
  channel: string | null;
  utm_source: string | null;
  device: string | null;
  product_id: string | null;
  group_id: string | null;
  amount: bigint | null;
  properties: unknown;
}
interface AnalyticsIdentitiesTable {
  anonymous_id: string;
  member_id: string;
  stitched_at: Date;
}
interface AnalyticsFirstTouchTable {
  member_id: string;
  channel: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  referrer: string | null;
  touched_at: Date;
}
interface AnalyticsDailyTable {
  day: string;
  name: string;
  channel: string;
  events: bigint;
  people: bigint;
  amount: bigint;
}
interface AnalyticsDirtyDaysTable {
  day: string;
}
interface AnalyticsRollupStateTable {
  id: Generated<boolean>;
  watermark: Date;
  runs: Generated<bigint>;
}
interface AnalyticsChannelCostsTable {
  id: Generated<string>;
  channel: string;
  period_from: string;
  period_to: string;
  amount: bigint;
  entered_by: string;
  entered_at: Date;
}
interface AnalyticsSegmentsTable {
  id: Generated<string>;
  name: string;
  definition: unknown;
  member_ids: string[];
  created_by: string;
  created_at: Date;
}

export type AnalyticsTables = {
  analytics_events: AnalyticsEventsTable;
  analytics_identities: AnalyticsIdentitiesTable;
  analytics_first_touch: AnalyticsFirstTouchTable;
  analytics_daily: AnalyticsDailyTable;
  analytics_dirty_days: AnalyticsDirtyDaysTable;
  analytics_rollup_state: AnalyticsRollupStateTable;
  analytics_channel_costs: AnalyticsChannelCostsTable;
  analytics_segments: AnalyticsSegmentsTable;
};

export const t = (db: Executor) => db.withTables<AnalyticsTables>();

export type EventRow = AnalyticsEventsTable;
