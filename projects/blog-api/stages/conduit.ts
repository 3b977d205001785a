import { randomBytes } from 'node:crypto';
import {
  type CheckContext,
  describeStatus,
  type Failure,
  fail,
  type HttpClient,
  type HttpResponse,
  type JsonSchema,
} from '@groundwork/grader';
import { TOPIC } from './topics';

/** A user the grader registered through the learner's API; its token is the one registration answered. */
export interface ConduitUser {
  username: string;
  email: string;
  password: string;
  token: string;
  /** `{ authorization: 'Token …' }`, as the contract's security scheme says. */
  headers: Readonly<Record<string, string>>;
}

/** An article the grader created, with the slug the server chose. */
export interface CreatedArticle {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  author: string;
  res: HttpResponse;
}

const STATE_PREFIX = 'blog-api.users.';

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'fail';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSuccess(res: HttpResponse): boolean {
  return res.status >= 200 && res.status <= 299;
}

/** `{ headers: { authorization: 'Token …' } }` for this user, ready to spread into a request. */
export function as(user: ConduitUser): { headers: Readonly<Record<string, string>> } {
  return { headers: user.headers };
}

/** A JSON value as hints quote it, shortened. */
export function describeJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** `GET /articles?tag=x`: a request as hints name it, relative to the base URL's /api. */
export function describeRequest(res: HttpResponse): string {
  const url = new URL(res.url);
  return `${res.method} ${url.pathname.replace(/^\/api(?=\/)/, '')}${url.search}`;
}

/** A setup step that did not answer 2xx: the grader could not prepare what a check needs. */
export function setupFailure(res: HttpResponse, what: string): Failure {
  return fail({
    expected: 'a 2xx status',
    actual: `status ${describeStatus(res.status)}`,
    hint: `The grader needs ${what} to test this, but ${describeRequest(res)} answered ${describeStatus(res.status)}.`,
    exchange: res.exchange,
  });
}

/** A failure about one response, with the hint in one sentence. */
export function failWith(
  res: HttpResponse,
  expected: string,
  actual: string,
  hint: string,
  topic?: string,
): Failure {
  return fail({ expected, actual, hint, exchange: res.exchange, ...(topic === undefined ? {} : { topic }) });
}

/** Plain ASCII letters and digits, which every Conduit implementation accepts in a username. */
export function newUsername(ctx: CheckContext): string {
  return `gw${ctx.data.string(10)}`;
}

/** A tag no other run or check uses. */
export function newTag(ctx: CheckContext): string {
  return `gw${ctx.data.string(8)}`;
}

/** Registers a new user (any 2xx) and takes the token from `user.token`; a taken name is retried once. */
export async function registerUser(
  ctx: CheckContext,
  client: HttpClient = ctx.http,
): Promise<ConduitUser | Failure> {
  let username = newUsername(ctx);
  const password = ctx.data.password();
  const send = (name: string) =>
    client.post('/users', { json: { user: { username: name, email: `${name}@example.com`, password } } });
  let res = await send(username);
  if (res.status === 409 || res.status === 422) {
    // a rerun with the same seed on the same server: the name is taken
    username = `${username}${randomBytes(3).toString('hex').replaceAll(/\d/g, 'x')}`;
    res = await send(username);
  }
  if (!isSuccess(res)) return setupFailure(res, 'to register a new user');
  const body = res.json();
  const user = isObject(body) && isObject(body.user) ? body.user : {};
  const token = user.token;
  if (typeof token !== 'string' || token === '') {
    return failWith(
      res,
      'a token in user.token',
      `the body ${describeJson(body)}`,
      `POST /users answered ${describeStatus(res.status)} without a non-empty string in "user.token", so the grader cannot sign in as the new user.`,
      TOPIC.tokenAuthentication,
    );
  }
  return {
    username,
    email: `${username}@example.com`,
    password,
    token,
    headers: { authorization: `Token ${token}` },
  };
}

/** The user called `label` this run: registered on first use, then kept for later checks. */
export async function userFor(ctx: CheckContext, label: string): Promise<ConduitUser | Failure> {
  const key = `${STATE_PREFIX}${label}`;
  const saved = ctx.state.get<ConduitUser>(key);
  if (saved !== undefined) return saved;
  const user = await registerUser(ctx);
  if (!isFailure(user)) ctx.state.set(key, user);
  return user;
}

/** Creates an article as `user` (any 2xx) and takes the slug the server chose from `article.slug`. */
export async function createArticle(
  ctx: CheckContext,
  user: ConduitUser,
  overrides: Partial<Pick<CreatedArticle, 'title' | 'description' | 'body' | 'tagList'>> = {},
  client: HttpClient = ctx.http,
): Promise<CreatedArticle | Failure> {
  const article = {
    title: overrides.title ?? `${ctx.data.sentence(3)} ${ctx.data.string(6)}`,
    description: overrides.description ?? ctx.data.sentence(6),
    body: overrides.body ?? ctx.data.sentence(12),
    tagList: overrides.tagList ?? [],
  };
  const res = await client.post('/articles', { json: { article }, ...as(user) });
  if (!isSuccess(res)) return setupFailure(res, 'to create an article');
  const slug = readPath(res.json(), ['article', 'slug']);
  if (typeof slug !== 'string' || slug === '') {
    return failWith(
      res,
      'a slug in article.slug',
      `the body ${describeJson(res.json())}`,
      `POST /articles answered ${describeStatus(res.status)} without a non-empty string in "article.slug", so the grader cannot find the article again.`,
      TOPIC.restApis,
    );
  }
  return { ...article, slug, author: user.username, res };
}

/** An article by this run's author that a newly registered fan has favourited (setup: any 2xx). */
export async function favoritedArticle(
  ctx: CheckContext,
): Promise<{ author: ConduitUser; fan: ConduitUser; article: CreatedArticle; path: string } | Failure> {
  const author = await userFor(ctx, 'author');
  if (isFailure(author)) return author;
  const fan = await registerUser(ctx);
  if (isFailure(fan)) return fan;
  const article = await createArticle(ctx, author);
  if (isFailure(article)) return article;
  const path = `/articles/${article.slug}`;
  const favorited = await ctx.http.post(`${path}/favorite`, as(fan));
  if (!isSuccess(favorited)) return setupFailure(favorited, 'to favourite an article');
  return { author, fan, article, path };
}

/** An article by this run's author with one comment of theirs, and this run's reader (setup: any 2xx). */
export async function commentedArticle(
  ctx: CheckContext,
): Promise<
  { owner: ConduitUser; other: ConduitUser; article: CreatedArticle; commentId: unknown } | Failure
> {
  const owner = await userFor(ctx, 'author');
  if (isFailure(owner)) return owner;
  const other = await userFor(ctx, 'reader');
  if (isFailure(other)) return other;
  const article = await createArticle(ctx, owner);
  if (isFailure(article)) return article;
  const posted = await ctx.http.post(`/articles/${article.slug}/comments`, {
    json: { comment: { body: ctx.data.sentence(6) } },
    ...as(owner),
  });
  if (!isSuccess(posted)) return setupFailure(posted, 'to post a comment');
  return { owner, other, article, commentId: readPath(posted.json(), ['comment', 'id']) };
}

/** Creates `count` articles by `user` with up to `connections` requests at a time, oldest first. */
export async function createArticles(
  ctx: CheckContext,
  user: ConduitUser,
  count: number,
  options: { connections: number; tagList?: string[] },
): Promise<CreatedArticle[] | Failure> {
  const wide = ctx.http.withConnections(options.connections);
  const created: CreatedArticle[] = [];
  for (let done = 0; done < count; done += options.connections) {
    const batch = Math.min(options.connections, count - done);
    const answers = await Promise.all(
      Array.from({ length: batch }, () =>
        createArticle(ctx, user, options.tagList === undefined ? {} : { tagList: options.tagList }, wide),
      ),
    );
    for (const answer of answers) {
      if (isFailure(answer)) return answer;
      created.push(answer);
    }
  }
  return created;
}

export function readPath(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);
}

/** The slugs of `articles` in a list response, in order (empty when the body has no such list). */
export function slugsOf(res: HttpResponse): string[] {
  const list = readPath(res.json(), ['articles']);
  return Array.isArray(list) ? list.map((item) => (isObject(item) ? String(item.slug) : '')) : [];
}

/** `a, b and c`, quoted. */
export function listWords(items: readonly string[]): string {
  const quoted = items.map((item) => `"${item}"`);
  return quoted.length <= 1
    ? (quoted[0] ?? 'none')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

// The contract's schemas (openapi.yaml, components.schemas), as the checks read them.
export const PROFILE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['username', 'bio', 'image', 'following'],
  properties: {
    username: { type: 'string' },
    bio: { type: ['string', 'null'] },
    image: { type: ['string', 'null'] },
    following: { type: 'boolean' },
  },
};

const LIST_ITEM_PROPERTIES = {
  slug: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  tagList: { type: 'array', items: { type: 'string' } },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
  favorited: { type: 'boolean' },
  favoritesCount: { type: 'integer' },
  author: PROFILE_SCHEMA,
};
const LIST_ITEM_REQUIRED = Object.keys(LIST_ITEM_PROPERTIES);

export const SINGLE_ARTICLE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['article'],
  properties: {
    article: {
      type: 'object',
      required: [...LIST_ITEM_REQUIRED, 'body'],
      properties: { ...LIST_ITEM_PROPERTIES, body: { type: 'string' } },
    },
  },
};

export const MULTIPLE_ARTICLES_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['articles', 'articlesCount'],
  properties: {
    articles: {
      type: 'array',
      items: { type: 'object', required: LIST_ITEM_REQUIRED, properties: LIST_ITEM_PROPERTIES },
    },
    articlesCount: { type: 'integer' },
  },
};

export const COMMENT_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'createdAt', 'updatedAt', 'body', 'author'],
  properties: {
    id: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    body: { type: 'string' },
    author: PROFILE_SCHEMA,
  },
};

/**
 * The contract's error body, `{"errors": {"<key>": ["message", …]}}`, with the right status; for input
 * errors, `key` must name the field at fault. Messages are free: the contract's texts are examples.
 */
export function expectConduitError(
  res: HttpResponse,
  expectation: { statuses: readonly number[]; key?: string; request: string; topic?: string },
): Failure | undefined {
  const wanted = `${expectation.statuses.map(describeStatus).join(' or ')} with {"errors": {${expectation.key ? `"${expectation.key}"` : '…'}: [messages]}}`;
  const topic = expectation.topic;
  if (!expectation.statuses.includes(res.status)) {
    return failWith(
      res,
      wanted,
      `status ${describeStatus(res.status)}`,
      `${expectation.request} should answer ${wanted}, but it answered ${describeStatus(res.status)}.`,
      topic,
    );
  }
  const errors = readPath(res.json(), ['errors']);
  const isWellFormed =
    isObject(errors) &&
    Object.keys(errors).length > 0 &&
    Object.values(errors).every(
      (messages) => Array.isArray(messages) && messages.every((message) => typeof message === 'string'),
    );
  if (!isWellFormed) {
    return failWith(
      res,
      wanted,
      `the body ${res.json() === undefined ? 'is not JSON' : describeJson(res.json())}`,
      `${expectation.request} answered ${describeStatus(res.status)} as expected, but its body should be the contract's error object, {"errors": {"<field>": ["<message>"]}}, and it is ${res.json() === undefined ? 'not JSON' : describeJson(res.json())}.`,
      TOPIC.errorHandling,
    );
  }
  if (expectation.key !== undefined && !Object.hasOwn(errors, expectation.key)) {
    return failWith(
      res,
      wanted,
      `the errors ${describeJson(errors)}`,
      `${expectation.request} answered ${describeStatus(res.status)} as expected, but "errors" should name the field at fault, "${expectation.key}", and it names ${listWords(Object.keys(errors))}.`,
      TOPIC.inputValidation,
    );
  }
  return undefined;
}
