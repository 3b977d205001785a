-- The whole schema; every statement is idempotent so it can run on each start.
CREATE TABLE IF NOT EXISTS users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- stored lower-case: usernames are compared without letter case
  username text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE IF NOT EXISTS sessions (
  -- the SHA-256 of the token: a stolen copy of this table holds no usable token
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS rooms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  created_by bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- the seq of the room's newest message: bumped in the insert's statement, which locks the row
  last_seq integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS members (
  room_id bigint NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room_id, user_id)
);

CREATE TABLE IF NOT EXISTS messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room_id bigint NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  sender_id bigint NOT NULL REFERENCES users (id),
  text text NOT NULL,
  client_id text,
  sent_at timestamptz NOT NULL DEFAULT now(),
  -- one message per seq in a room, whatever the code above gets wrong; also the history's index
  CONSTRAINT messages_room_seq_key UNIQUE (room_id, seq)
);
