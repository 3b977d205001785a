-- The whole schema; every statement is idempotent so it can run on each start.
CREATE TABLE IF NOT EXISTS links (
  -- insertion order: the listing is sorted by it, newest first, and its primary-key index serves that
  -- ORDER BY id DESC and the keyset cursor (WHERE id < $cursor) without an extra index
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL,
  url text NOT NULL,
  clicks integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_clicked_at timestamptz,
  expires_at timestamptz,
  -- codes are looked up on every redirect, and two links may never share one
  CONSTRAINT links_code_key UNIQUE (code)
);
