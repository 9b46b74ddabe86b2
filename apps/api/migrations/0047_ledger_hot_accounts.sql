-- Hot accounts (ARCHITECTURE.md, ledger invariant 12). Accounts without a non-negative floor
-- (custodian cash, in transit, issuer, marketing expense, fee income, platform cash) are no longer
-- locked and updated by every transfer: each transfer appends its net movement on them here, and a
-- fold (a job, and the daily snapshot) moves committed deltas into `ledger_accounts.balance` by
-- DELETE … RETURNING in one transaction. An account's balance is always
-- `balance + SUM(pending deltas)`, read in one statement (one snapshot), so it is exact.
CREATE TABLE ledger_balance_deltas (
  account_id  bigint NOT NULL REFERENCES ledger_accounts(id),
  delta       bigint NOT NULL,
  n           integer NOT NULL
);
CREATE INDEX ledger_balance_deltas_account ON ledger_balance_deltas (account_id) INCLUDE (delta, n);

-- Entries on unlocked accounts carry no running balance (concurrent writers cannot know it);
-- statements derive it from the account's balance and the newer entries.
ALTER TABLE ledger_entries ALTER COLUMN balance_after DROP NOT NULL;

-- Covering index: sums of an account's entries after an id (statements, verify) read the index only.
CREATE INDEX ledger_entries_account_cover ON ledger_entries (account_id, id) INCLUDE (amount, created_at);
DROP INDEX ledger_entries_account;
