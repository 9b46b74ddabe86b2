-- A member's risk signals in one call (with the rule versions in force and the member's clearance). The statement is the same for every decision; as a PL/pgSQL
-- function its plan is prepared once per connection instead of planned per decision (planning cost
-- twice the execution). Reads only risk tables. Windows per link kind come in as arrays.
CREATE FUNCTION risk_signals(
  p_member uuid,
  p_now timestamptz,
  p_device text,
  p_region text,
  p_kinds text[],
  p_days integer[],
  p_claim_days integer,
  p_velocity_minutes integer,
  p_cycle_hours integer
) RETURNS TABLE (
  ring_size integer,
  shared_device_accounts integer,
  shared_ip24_accounts integer,
  shared_card_accounts integer,
  shared_id_accounts integer,
  referral_edges integer,
  claim_and_leave integer,
  registration_velocity integer,
  newbie_minimum_burst integer,
  rapid_cycle integer,
  known_devices integer,
  device_known boolean,
  known_regions integer,
  region_known boolean,
  active_version integer,
  shadow_version integer,
  cleared_reason text
) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH links AS (
    SELECT l.member_b AS other, l.kind FROM risk_links l
    WHERE l.member_a = p_member AND l.last_seen >= p_now - make_interval(days => COALESCE(p_days[array_position(p_kinds, l.kind)], 0))
    UNION ALL
    SELECT l.member_a AS other, l.kind FROM risk_links l
    WHERE l.member_b = p_member AND l.last_seen >= p_now - make_interval(days => COALESCE(p_days[array_position(p_kinds, l.kind)], 0))
  ), lc AS (
    SELECT count(DISTINCT k.other) FILTER (WHERE k.kind = 'device')::int AS d,
           count(DISTINCT k.other) FILTER (WHERE k.kind = 'ip24')::int AS i,
           count(DISTINCT k.other) FILTER (WHERE k.kind = 'card')::int AS c,
           count(DISTINCT k.other) FILTER (WHERE k.kind = 'id_number')::int AS n,
           count(DISTINCT k.other) FILTER (WHERE k.kind = 'referral')::int AS r
    FROM links k
    WHERE NOT EXISTS (SELECT 1 FROM risk_household_members x JOIN risk_household_members y ON y.household_id = x.household_id
                      WHERE x.member_id = p_member AND y.member_id = k.other)
  )
  SELECT
    COALESCE((SELECT count(*)::int FROM risk_ring_members r
              WHERE r.ring_id = (SELECT rm.ring_id FROM risk_ring_members rm WHERE rm.member_id = p_member)), 0),
    lc.d, lc.i, lc.c, lc.n, lc.r,
    (SELECT count(*)::int FROM (
       SELECT d.decided_at AS at FROM risk_decisions d
       WHERE d.member_id = p_member AND d.use IN ('reward_grant', 'referral_reward') AND d.decision = 'allow'
       UNION ALL
       SELECT f.at FROM risk_facts f WHERE f.member_id = p_member AND f.kind = 'reward'
     ) rw
     WHERE EXISTS (
       SELECT 1 FROM risk_facts w
       WHERE w.member_id = p_member AND w.kind = 'withdrawal' AND w.at >= rw.at
         AND w.at <= rw.at + make_interval(days => p_claim_days)
         AND NOT EXISTS (SELECT 1 FROM risk_facts i WHERE i.member_id = p_member AND i.kind = 'investment' AND i.at >= rw.at AND i.at <= w.at))),
    COALESCE((SELECT max(v.n)::int FROM (
       SELECT count(*) AS n FROM risk_facts mine JOIN risk_facts o
         ON o.kind = mine.kind AND o.value_hash = mine.value_hash
        AND o.at BETWEEN mine.at - make_interval(mins => p_velocity_minutes) AND mine.at + make_interval(mins => p_velocity_minutes)
       WHERE mine.member_id = p_member AND mine.kind IN ('registration_device', 'registration_ip24')
       GROUP BY mine.id) v), 0),
    COALESCE((SELECT max(b.n)::int FROM (
       SELECT count(DISTINCT o.member_id) AS n FROM risk_facts mine JOIN risk_facts o
         ON o.kind = 'investment' AND o.product_id = mine.product_id AND o.amount = mine.amount
        AND date_trunc('minute', o.at) = date_trunc('minute', mine.at)
       WHERE mine.member_id = p_member AND mine.kind = 'investment'
       GROUP BY mine.id) b), 0),
    (SELECT count(DISTINCT w.id)::int FROM risk_facts w JOIN risk_facts t
       ON t.member_id = w.member_id AND t.kind = 'top_up' AND t.at < w.at AND t.at >= w.at - make_interval(hours => p_cycle_hours)
     WHERE w.member_id = p_member AND w.kind = 'withdrawal'
       AND NOT EXISTS (SELECT 1 FROM risk_facts i WHERE i.member_id = w.member_id AND i.kind = 'investment' AND i.at > t.at AND i.at <= w.at)),
    (SELECT count(*)::int FROM risk_attributes a WHERE a.member_id = p_member AND a.kind = 'device'),
    EXISTS (SELECT 1 FROM risk_attributes a WHERE a.member_id = p_member AND a.kind = 'device' AND a.value_hash = p_device),
    (SELECT count(*)::int FROM risk_attributes a WHERE a.member_id = p_member AND a.kind = 'region'),
    EXISTS (SELECT 1 FROM risk_attributes a WHERE a.member_id = p_member AND a.kind = 'region' AND a.value_hash = p_region),
    (SELECT v.version FROM risk_rule_versions v WHERE v.status = 'active'),
    (SELECT v.version FROM risk_rule_versions v WHERE v.status = 'shadow'),
    (SELECT wl.reason FROM risk_member_whitelist wl WHERE wl.member_id = p_member)
  FROM lc;
END
$$;
