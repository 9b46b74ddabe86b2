-- Newcomers may share a few product cards a day (chat and threads together): the count of the
-- Asia/Shanghai day it belongs to, taken by one conditional UPDATE in the posting transaction.
ALTER TABLE community_trust
  ADD COLUMN product_cards_day   date,
  ADD COLUMN product_cards_count integer NOT NULL DEFAULT 0;
