-- Password and payment-password reset (issue 12 item 7): wrong answers to the reset questions
-- (ID number, name, card) are counted apart from wrong passwords, so a member locked out by
-- forgotten passwords can still reset them; five wrong answers lock resetting for fifteen minutes.
ALTER TABLE members
  ADD COLUMN reset_failed integer NOT NULL DEFAULT 0,
  ADD COLUMN reset_locked_until timestamptz;
