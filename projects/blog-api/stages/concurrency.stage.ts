import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  type Failure,
  pass,
} from '@groundwork/grader';
import {
  as,
  type ConduitUser,
  createArticle,
  describeJson,
  failWith,
  isFailure,
  readPath,
  registerUser,
  setupFailure,
  userFor,
} from './conduit';
import { TOPIC } from './topics';

// the promise the spec makes: this many different users act at the same moment
const CROWD = 50;
// registering is slow on purpose (password hashing): a few at a time is enough
const REGISTER_CONNECTIONS = 10;
const CROWD_KEY = 'blog-api.concurrency.crowd';

/** 50 users registered once per run, shared by both checks. */
async function crowd(ctx: CheckContext): Promise<ConduitUser[] | Failure> {
  const saved = ctx.state.get<ConduitUser[]>(CROWD_KEY);
  if (saved !== undefined) return saved;
  const wide = ctx.http.withConnections(REGISTER_CONNECTIONS);
  const users: ConduitUser[] = [];
  while (users.length < CROWD) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(REGISTER_CONNECTIONS, CROWD - users.length) }, () =>
        registerUser(ctx, wide),
      ),
    );
    for (const user of batch) {
      if (isFailure(user)) return user;
      users.push(user);
    }
  }
  ctx.state.set(CROWD_KEY, users);
  return users;
}

const concurrentFavorites = defineCheck({
  id: 'concurrent-favorites',
  title: `${CROWD} users favouriting one article at once make favoritesCount exactly ${CROWD}`,
  topic: TOPIC.transactionsAndAcid,
  async run(ctx) {
    const users = await crowd(ctx);
    if (isFailure(users)) return users;
    const author = await userFor(ctx, 'author');
    if (isFailure(author)) return author;
    const article = await createArticle(ctx, author);
    if (isFailure(article)) return article;
    const path = `/articles/${article.slug}`;
    const wide = ctx.http.withConnections(CROWD);
    const answers = await Promise.all(users.map((user) => wide.post(`${path}/favorite`, as(user))));
    const refused = answers.find((res) => res.status !== 200);
    if (refused) {
      return failWith(
        refused,
        `200 for each of ${CROWD} favourites at once`,
        `status ${describeStatus(refused.status)}`,
        `${CROWD} different users favourited ${path} at the same moment and one answer was ${describeStatus(refused.status)}: favouriting must hold up under concurrent requests.`,
      );
    }
    const read = await ctx.http.get(path);
    const count = readPath(read.json(), ['article', 'favoritesCount']);
    if (count === CROWD) return pass();
    return failWith(
      read,
      `"favoritesCount": ${CROWD}`,
      `"favoritesCount": ${describeJson(count)}`,
      `After ${CROWD} different users favourited ${path} at once, its favoritesCount should be exactly ${CROWD}, but it is ${describeJson(count)}: insert one row per favourite (or update the counter atomically) instead of writing back a value read earlier.`,
    );
  },
});

const concurrentFollows = defineCheck({
  id: 'concurrent-follows',
  title: `${CROWD} users following one author at once all end up following`,
  topic: TOPIC.transactionsAndAcid,
  async run(ctx) {
    const users = await crowd(ctx);
    if (isFailure(users)) return users;
    const author = await registerUser(ctx);
    if (isFailure(author)) return author;
    const path = `/profiles/${author.username}`;
    const wide = ctx.http.withConnections(CROWD);
    const answers = await Promise.all(users.map((user) => wide.post(`${path}/follow`, as(user))));
    const refused = answers.find((res) => res.status !== 200);
    if (refused) return setupFailure(refused, `${CROWD} follows at once to succeed`);
    const reads = await Promise.all(users.map((user) => wide.get(path, as(user))));
    const lost = reads.filter((res) => readPath(res.json(), ['profile', 'following']) !== true);
    const [firstLost] = lost;
    if (firstLost === undefined) return pass();
    return failWith(
      firstLost,
      `"following": true for all ${CROWD} followers`,
      `${lost.length} of ${CROWD} not following`,
      `${CROWD} different users followed ${author.username} at once, but afterwards ${lost.length} of them do not follow: insert one row per follow instead of writing back a list read earlier.`,
    );
  },
});

export const concurrencyStage = defineStage({
  id: 'concurrency',
  title: 'Exact counts under concurrency (beyond RealWorld)',
  difficulty: 'advanced',
  needs: ['favorites', 'profiles'],
  topics: [TOPIC.transactionsAndAcid, TOPIC.threadsAndConcurrency],
  checks: [concurrentFavorites, concurrentFollows],
});
