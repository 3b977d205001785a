-- The whole schema; every statement is idempotent so it can run on each start.
CREATE TABLE IF NOT EXISTS users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  -- stored lower-case: log-in compares emails case-insensitively
  email text NOT NULL,
  password_hash text NOT NULL,
  bio text,
  image text,
  CONSTRAINT users_username_key UNIQUE (username),
  CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE IF NOT EXISTS follows (
  follower_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  followee_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (follower_id, followee_id)
);

CREATE TABLE IF NOT EXISTS articles (
  -- insertion order: "most recent first" sorts by it
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  body text NOT NULL,
  author_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT articles_slug_key UNIQUE (slug)
);

CREATE TABLE IF NOT EXISTS article_tags (
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag text NOT NULL,
  -- keeps tagList in the order the author gave
  position integer NOT NULL,
  PRIMARY KEY (article_id, tag)
);

CREATE TABLE IF NOT EXISTS favorites (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, user_id)
);

CREATE TABLE IF NOT EXISTS comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- the list filters and the feed: an author's articles, a tag's articles, a user's favourites, whom a user follows
CREATE INDEX IF NOT EXISTS articles_author_idx ON articles (author_id, id);
CREATE INDEX IF NOT EXISTS article_tags_tag_idx ON article_tags (tag, article_id);
CREATE INDEX IF NOT EXISTS favorites_user_idx ON favorites (user_id, article_id);
CREATE INDEX IF NOT EXISTS follows_followee_idx ON follows (followee_id);
CREATE INDEX IF NOT EXISTS comments_article_idx ON comments (article_id, id);
