-- The whole schema; every statement is idempotent so it can run on each start.
-- Money is integer cents everywhere (1999 is €19.99): integers add up exactly, binary floats do not.
CREATE TABLE IF NOT EXISTS users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- stored lower-case: log-in compares emails case-insensitively
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE IF NOT EXISTS sessions (
  -- the SHA-256 of the token: a stolen copy of this table holds no usable token
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS products (
  -- creation order: the catalogue lists by id, and its cursor is the last id of a page
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  price integer NOT NULL CHECK (price >= 0),
  category text NOT NULL,
  -- the last line of defence against overselling: a checkout that would take it below 0 fails
  stock integer NOT NULL CHECK (stock >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- a category's page is one range of this index, already in id order
CREATE INDEX IF NOT EXISTS products_category_id_idx ON products (category, id);

CREATE TABLE IF NOT EXISTS cart_items (
  -- insertion order: a cart lists its items in the order they were first added
  id bigint GENERATED ALWAYS AS IDENTITY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  quantity integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (user_id, product_id)
);

CREATE TABLE IF NOT EXISTS orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  total integer NOT NULL CHECK (total >= 0),
  shipping_address text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- "my orders, newest first"
CREATE INDEX IF NOT EXISTS orders_user_id_idx ON orders (user_id, id DESC);

CREATE TABLE IF NOT EXISTS order_items (
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position integer NOT NULL,
  product_id bigint NOT NULL REFERENCES products (id),
  -- copied from the catalogue at checkout: the order keeps what was bought, whatever the product becomes
  name text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price integer NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, position)
);

CREATE TABLE IF NOT EXISTS idempotency_keys (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key text NOT NULL,
  -- SHA-256 of the request body: the same key with another body is refused, not replayed
  request_hash text NOT NULL,
  -- the answer to replay; written before the claiming transaction commits, so no one else sees it empty
  response_status integer,
  -- json, not jsonb: json keeps the text as written, so a replay is byte for byte the first answer
  response_body json,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- one claim per user and key: a concurrent repeat waits on this index, then replays
  PRIMARY KEY (user_id, key)
);

CREATE TABLE IF NOT EXISTS payment_events (
  -- the provider's event id: a delivery seen before is acknowledged and ignored
  id text PRIMARY KEY,
  type text NOT NULL,
  payload json NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
