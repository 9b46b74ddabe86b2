-- Blind indexes survive key rotation (issue 12 item 4): each row names the key its blind indexes
-- and ciphertexts were last written under. NULL or an old id means the pii-reindex job has not
-- rewritten it under the current QUANZI_SECRET yet; lookups meanwhile try every known key.
ALTER TABLE members ADD COLUMN pii_key_id text;
ALTER TABLE bank_cards ADD COLUMN pii_key_id text;
CREATE INDEX members_pii_key ON members (pii_key_id, id);
CREATE INDEX bank_cards_pii_key ON bank_cards (pii_key_id, id);
