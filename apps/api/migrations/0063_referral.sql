-- Referral (邀请): each member's code; an invitee's referral from registration (the code travels in
-- identity's member.registered event) or a later bind; the inviter rewarded in points when the
-- invitee's first investment comes within the window, tiered by converted invitees; refused
-- referrals keep a reason the inviter sees.
CREATE TABLE referral_codes (
  member_id   uuid PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z2-9]{8}$'),
  created_at  timestamptz NOT NULL
);

CREATE TABLE referrals (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inviter_id     uuid NOT NULL,
  invitee_id     uuid NOT NULL UNIQUE,
  code           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('pending', 'rewarded', 'refused', 'expired')),
  reason         text CHECK (reason IS NULL OR reason IN
                   ('self_referral', 'shared_device', 'shared_id', 'shared_card', 'shared_phone_prefix', 'risk_denied', 'risk_review')),
  reward_points  integer,
  tier           integer,
  registered_at  timestamptz NOT NULL,
  decided_at     timestamptz,
  source_event   uuid,
  created_at     timestamptz NOT NULL
);
CREATE INDEX referrals_inviter ON referrals (inviter_id, created_at DESC);
