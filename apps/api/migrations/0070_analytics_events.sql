-- Analytics (issue 17): the event store, identity stitching, daily rollups with their dirty-day
-- marks, channel costs and saved segments. Member ids point at identity's members without a foreign
-- key: modules own their tables. No personal data is stored here (member ids, never phones).

-- Every event, browser or server, in one month-partitioned table. `id` is the outbox event id for
-- server events (so a redelivered event inserts nothing) and a random id for browser events.
CREATE TABLE analytics_events (
  id            uuid NOT NULL,
  name          text NOT NULL,
  source        text NOT NULL CHECK (source IN ('client', 'server')),
  anonymous_id  text,
  member_id     uuid,
  occurred_at   timestamptz NOT NULL,
  received_at   timestamptz NOT NULL,
  -- Acquisition dimensions, resolved at ingest (client: UTM/referrer; server: the member's first touch).
  channel       text,
  utm_source    text,
  device        text,
  product_id    text,
  group_id      uuid,
  amount        bigint,
  properties    jsonb NOT NULL DEFAULT '{}'::jsonb,
  CHECK (anonymous_id IS NOT NULL OR member_id IS NOT NULL),
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- Months from 2025-01 to 2027-12 exist from the start; `ensurePartitions` adds later ones ahead of
-- time (the nightly rollup job), and the default partition keeps anything outside them.
DO $$
DECLARE m date := date '2025-01-01';
BEGIN
  WHILE m < date '2028-01-01' LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF analytics_events FOR VALUES FROM (%L) TO (%L)',
      'analytics_events_' || to_char(m, 'YYYYMM'), to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00',
      to_char(m + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00'
    );
    m := m + interval '1 month';
  END LOOP;
END $$;
CREATE TABLE analytics_events_default PARTITION OF analytics_events DEFAULT;

CREATE INDEX analytics_events_name_time ON analytics_events (name, occurred_at);
CREATE INDEX analytics_events_member ON analytics_events (member_id, occurred_at) WHERE member_id IS NOT NULL;
CREATE INDEX analytics_events_anonymous ON analytics_events (anonymous_id, occurred_at) WHERE anonymous_id IS NOT NULL;
CREATE INDEX analytics_events_group ON analytics_events (group_id, occurred_at) WHERE group_id IS NOT NULL;

-- An anonymous browser id stitched to the member who signed in or registered with it: the
-- anonymous id's earlier (and later) events count as the member's.
CREATE TABLE analytics_identities (
  anonymous_id  text PRIMARY KEY,
  member_id     uuid NOT NULL,
  stitched_at   timestamptz NOT NULL
);
CREATE INDEX analytics_identities_member ON analytics_identities (member_id);

-- First touch per member: the channel, UTM source and referrer of their earliest known visit.
CREATE TABLE analytics_first_touch (
  member_id     uuid PRIMARY KEY,
  channel       text NOT NULL,
  utm_source    text,
  utm_medium    text,
  utm_campaign  text,
  referrer      text,
  touched_at    timestamptz NOT NULL
);

-- Daily rollups: events and distinct people per (Shanghai day, event name, channel), with the
-- summed amount. Rebuilt a day at a time from the raw events whenever the day is marked dirty.
CREATE TABLE analytics_daily (
  day      date NOT NULL,
  name     text NOT NULL,
  channel  text NOT NULL,
  events   bigint NOT NULL,
  people   bigint NOT NULL,
  amount   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, name, channel)
);

-- Days whose raw events changed since their rollup (a late or new event, a stitched identity).
-- Appended (never upserted) in the transaction that changes the events; the rollup job takes the
-- committed marks with DELETE … RETURNING, so a mark from a transaction still running is invisible
-- to it and stays for the next run — a day is never marked clean while one of its events is uncommitted.
CREATE TABLE analytics_dirty_days (
  day  date NOT NULL
);
CREATE INDEX analytics_dirty_days_day ON analytics_dirty_days (day);

-- The rollups are exact for every event committed before `watermark` (the start of the last run).
CREATE TABLE analytics_rollup_state (
  id         boolean PRIMARY KEY DEFAULT true CHECK (id),
  watermark  timestamptz NOT NULL,
  runs       bigint NOT NULL DEFAULT 0
);

-- Acquisition cost per channel and period, entered by growth operators (integer fen).
CREATE TABLE analytics_channel_costs (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel      text NOT NULL,
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  amount       bigint NOT NULL CHECK (amount >= 0),
  entered_by   text NOT NULL,
  entered_at   timestamptz NOT NULL,
  CHECK (period_from <= period_to),
  UNIQUE (channel, period_from, period_to)
);

-- Saved member segments (e.g. the members who dropped at a funnel step), usable by sends and campaigns.
CREATE TABLE analytics_segments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  definition  jsonb NOT NULL,
  member_ids  uuid[] NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL
);
