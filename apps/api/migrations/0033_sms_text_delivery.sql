-- Notification texts through the SMS adapters carry the delivery id as the provider's OutId; the
-- sandbox keeps it unique, so a delivery retried after a crash is recorded once.
ALTER TABLE sms_messages ADD COLUMN out_id text UNIQUE;
