-- Issuers send declared returns through an API, authenticated by an HMAC key per issuer. The secret
-- is shown once when it is created and stored only encrypted with the platform secret.
CREATE TABLE invest_issuer_api_keys (
  issuer_id   uuid PRIMARY KEY REFERENCES invest_issuers(id),
  key_id      text NOT NULL UNIQUE,
  secret_enc  text NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL
);
