-- The whole schema; every statement is idempotent so it can run on each start.
CREATE TABLE IF NOT EXISTS users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- stored lower-case: log-in compares emails case-insensitively
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  email_verified_at timestamptz,
  -- base32; set at enrolment, trusted only once totp_enabled is true
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  -- the last time step a code was accepted for: a step at or before it is a replay
  totp_last_step bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email)
);

-- links sent by email (verification, password reset): only their SHA-256 is kept
CREATE TABLE IF NOT EXISTS email_tokens (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify-email', 'password-reset')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- one row per signed-in device; a session is the family of the refresh tokens rotated from one log-in
CREATE TABLE IF NOT EXISTS sessions (
  id uuid PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON sessions (user_id);

CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- set when the token is exchanged; presenting it again is a replay and ends the session
  used_at timestamptz
);

CREATE TABLE IF NOT EXISTS recovery_codes (
  code_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
