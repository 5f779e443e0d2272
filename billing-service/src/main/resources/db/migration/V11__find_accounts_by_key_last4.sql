-- GET /admin/accounts?query= finds an account by a key's last four characters.
CREATE INDEX api_keys_last4 ON api_keys (last4);
