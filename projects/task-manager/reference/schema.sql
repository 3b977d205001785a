-- The whole schema; every statement is idempotent so it can run on each start.
CREATE TABLE IF NOT EXISTS users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- stored lower-case: log-in compares emails case-insensitively
  email text NOT NULL,
  name text,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE IF NOT EXISTS sessions (
  -- the SHA-256 of the token: a stolen copy of this table holds no usable token
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS tasks (
  -- insertion order: "newest first" and the keyset cursor both use it
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  description text,
  status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
  due_date date,
  -- bumped by every update; the ETag is built from it
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- every query is one owner's tasks: newest first, or by due date (no date sorts as the far future)
CREATE INDEX IF NOT EXISTS tasks_owner_id_idx ON tasks (owner_id, id);
CREATE INDEX IF NOT EXISTS tasks_owner_due_idx ON tasks (owner_id, (coalesce(due_date, 'infinity'::date)), id);
