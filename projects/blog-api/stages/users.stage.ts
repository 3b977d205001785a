import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJson,
  expectMatchesSchema,
  expectStatus,
  is,
  pass,
} from '@groundwork/grader';
import {
  as,
  describeJson,
  expectConduitError,
  failWith,
  isFailure,
  newUsername,
  PROFILE_SCHEMA,
  readPath,
  registerUser,
  setupFailure,
  userFor,
} from './conduit';
import { TOPIC } from './topics';

const USER_SCHEMA = {
  type: 'object',
  required: ['user'],
  properties: {
    user: {
      type: 'object',
      required: ['email', 'token', 'username', 'bio', 'image'],
      properties: {
        email: { type: 'string' },
        token: { type: 'string', minLength: 1 },
        username: { type: 'string' },
        bio: { type: ['string', 'null'] },
        image: { type: ['string', 'null'] },
      },
    },
  },
};

const sameEmail = (email: string) =>
  is.where(`the email sent, ${email}`, (v) => typeof v === 'string' && v.toLowerCase() === email);

const register201 = defineCheck({
  id: 'register-201',
  title: 'POST /users answers 201 with the new user and a token, never the password',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const username = newUsername(ctx);
    const email = `${username}@example.com`;
    const password = ctx.data.password();
    const res = await ctx.http.post('/users', { json: { user: { username, email, password } } });
    const failure =
      expectStatus(res, 201, {
        hint: `POST /users should answer 201 Created when it registers a user, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectContentType(res, 'application/json', { topic: TOPIC.json }) ??
      expectMatchesSchema(res, USER_SCHEMA, { topic: TOPIC.restApis }) ??
      expectJson(res, { user: { username, email: sameEmail(email) } });
    if (failure) return failure;
    const hygiene = ctx.probes.responseHygiene({
      responses: [res],
      forbidden: [{ value: password, description: 'the password just sent' }],
    });
    return hygiene.status === 'fail' ? { ...hygiene, topic: TOPIC.passwordHashing } : pass();
  },
});

const login200 = defineCheck({
  id: 'login-200',
  title: 'POST /users/login answers 200 with a working token, and refuses a wrong password',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const res = await ctx.http.post('/users/login', {
      json: { user: { email: user.email, password: user.password } },
    });
    const failure =
      expectStatus(res, 200, {
        hint: `POST /users/login with the right email and password should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
      }) ?? expectJson(res, { user: { username: user.username, token: is.nonEmptyString() } });
    if (failure) return failure;
    const token = String(readPath(res.json(), ['user', 'token']));
    const me = await ctx.http.get('/user', { headers: { authorization: `Token ${token}` } });
    if (me.status !== 200) {
      return failWith(
        me,
        '200 for GET /user with the token log-in gave',
        `status ${describeStatus(me.status)}`,
        `GET /user with Authorization: Token <the token POST /users/login just gave> should answer 200, but it answered ${describeStatus(me.status)}.`,
        TOPIC.tokenAuthentication,
      );
    }
    const wrong = await ctx.http.post('/users/login', {
      json: { user: { email: user.email, password: `${user.password}-wrong` } },
    });
    return (
      expectConduitError(wrong, {
        statuses: [401, 422],
        request: 'POST /users/login with a wrong password',
      }) ?? pass()
    );
  },
});

const currentUser = defineCheck({
  id: 'current-user',
  title: 'GET /user answers the user the token belongs to',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    for (const label of ['author', 'reader']) {
      const user = await userFor(ctx, label);
      if (isFailure(user)) return user;
      const res = await ctx.http.get('/user', as(user));
      const failure =
        expectStatus(res, 200, {
          hint: `GET /user with a valid Authorization: Token header should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
        }) ??
        expectMatchesSchema(res, USER_SCHEMA, { topic: TOPIC.restApis }) ??
        expectJson(
          res,
          { user: { username: user.username, email: sameEmail(user.email) } },
          {
            hint: `GET /user with ${user.username}'s token should answer ${user.username}, but it answered ${describeJson(readPath(res.json(), ['user', 'username']))}: find the user by the token's subject.`,
          },
        );
      if (failure) return failure;
    }
    return pass();
  },
});

const updateUser = defineCheck({
  id: 'update-user',
  title: 'PUT /user changes bio and image, and GET /user shows the change',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const bio = ctx.data.sentence(5);
    const image = `https://example.com/avatars/${ctx.data.string(8)}.png`;
    const res = await ctx.http.put('/user', { json: { user: { bio, image } }, ...as(user) });
    const failure =
      expectStatus(res, 200, {
        hint: `PUT /user with a new bio and image should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
      }) ?? expectJson(res, { user: { username: user.username, bio, image } });
    if (failure) return failure;
    const read = await ctx.http.get('/user', as(user));
    if (!(read.status >= 200 && read.status <= 299)) return setupFailure(read, 'to read the user back');
    return expectJson(read, { user: { bio, image } }) ?? pass();
  },
});

export const usersStage = defineStage({
  id: 'users',
  title: 'Users and authentication',
  difficulty: 'beginner',
  topics: [
    TOPIC.signupAndLoginFlows,
    TOPIC.tokenAuthentication,
    TOPIC.passwordHashing,
    TOPIC.crudOperations,
    TOPIC.errorHandling,
    TOPIC.restApis,
    TOPIC.json,
  ],
  checks: [register201, login200, currentUser, updateUser],
});

const getProfile = defineCheck({
  id: 'get-profile',
  title: 'GET /profiles/{username} answers the profile with bio, image and following',
  topic: TOPIC.restApis,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    const res = await ctx.http.get(`/profiles/${user.username}`);
    return (
      expectStatus(res, 200, {
        hint: `GET /profiles/${user.username} should answer 200 OK with the profile, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectMatchesSchema(res, {
        type: 'object',
        required: ['profile'],
        properties: { profile: PROFILE_SCHEMA },
      }) ??
      expectJson(res, { profile: { username: user.username, following: false } }) ??
      pass()
    );
  },
});

const followUnfollow = defineCheck({
  id: 'follow-unfollow',
  title: 'Following and unfollowing a user shows in "following", for the follower',
  topic: TOPIC.joinsAndRelationships,
  async run(ctx) {
    const author = await userFor(ctx, 'author');
    if (isFailure(author)) return author;
    const follower = await registerUser(ctx);
    if (isFailure(follower)) return follower;
    const path = `/profiles/${author.username}`;
    const steps = [
      { send: () => ctx.http.post(`${path}/follow`, as(follower)), following: true },
      { send: () => ctx.http.get(path, as(follower)), following: true },
      { send: () => ctx.http.delete(`${path}/follow`, as(follower)), following: false },
      { send: () => ctx.http.get(path, as(follower)), following: false },
    ];
    for (const step of steps) {
      const res = await step.send();
      const failure =
        expectStatus(res, 200, {
          hint: `${res.method} ${path}${res.method === 'GET' ? '' : '/follow'} should answer 200 OK with the profile, but it answered ${describeStatus(res.status)}.`,
        }) ??
        expectJson(
          res,
          { profile: { username: author.username, following: step.following } },
          {
            hint: `After ${step.following ? 'following' : 'unfollowing'} ${author.username}, ${res.method} ${new URL(res.url).pathname.replace(/^\/api/, '')} should show "following": ${step.following} to the follower, but it shows ${describeJson(readPath(res.json(), ['profile', 'following']))}.`,
          },
        );
      if (failure) return failure;
    }
    return pass();
  },
});

export const profilesStage = defineStage({
  id: 'profiles',
  title: 'Profiles and following',
  difficulty: 'beginner',
  needs: ['users'],
  topics: [TOPIC.restApis, TOPIC.joinsAndRelationships],
  checks: [getProfile, followUnfollow],
});
