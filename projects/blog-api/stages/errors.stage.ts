import { defineCheck, defineStage, pass } from '@groundwork/grader';
import { as, expectConduitError, isFailure, newUsername, registerUser, userFor } from './conduit';
import { TOPIC } from './topics';

const unauthorized401 = defineCheck({
  id: 'unauthorized-401',
  title: 'Routes that need a token answer 401 without one',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const article = { title: ctx.data.sentence(3), description: 'd', body: 'b' };
    return (
      expectConduitError(await ctx.http.get('/user'), {
        statuses: [401],
        request: 'GET /user without a token',
      }) ??
      expectConduitError(await ctx.http.post('/articles', { json: { article } }), {
        statuses: [401],
        request: 'POST /articles without a token',
      }) ??
      pass()
    );
  },
});

const notFound404 = defineCheck({
  id: 'not-found-404',
  title: 'An unknown profile or article answers 404',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const name = newUsername(ctx);
    return (
      expectConduitError(await ctx.http.get(`/profiles/${name}`), {
        statuses: [404],
        request: `GET /profiles/${name} (no such user)`,
      }) ??
      expectConduitError(await ctx.http.get(`/articles/${name}-missing`), {
        statuses: [404],
        request: `GET /articles/${name}-missing (no such article)`,
      }) ??
      pass()
    );
  },
});

const duplicate409 = defineCheck({
  id: 'duplicate-409',
  title: 'Registering a taken username or email answers 409 naming the field',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const other = newUsername(ctx);
    const password = ctx.data.password();
    const sameName = await ctx.http.post('/users', {
      json: { user: { username: user.username, email: `${other}@example.com`, password } },
    });
    const sameEmail = await ctx.http.post('/users', {
      json: { user: { username: other, email: user.email, password } },
    });
    return (
      expectConduitError(sameName, {
        statuses: [409],
        key: 'username',
        request: `POST /users with the taken username ${user.username}`,
      }) ??
      expectConduitError(sameEmail, {
        statuses: [409],
        key: 'email',
        request: `POST /users with the taken email ${user.email}`,
      }) ??
      pass()
    );
  },
});

const validation422 = defineCheck({
  id: 'validation-422',
  title: 'A blank required field answers 422 naming it',
  topic: TOPIC.inputValidation,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    const name = newUsername(ctx);
    const blankUsername = await ctx.http.post('/users', {
      json: { user: { username: '', email: `${name}@example.com`, password: ctx.data.password() } },
    });
    const blankTitle = await ctx.http.post('/articles', {
      json: { article: { title: '', description: ctx.data.sentence(4), body: ctx.data.sentence(8) } },
      ...as(user),
    });
    return (
      expectConduitError(blankUsername, {
        statuses: [422],
        key: 'username',
        request: 'POST /users with an empty username',
      }) ??
      expectConduitError(blankTitle, {
        statuses: [422],
        key: 'title',
        request: 'POST /articles with an empty title',
      }) ??
      pass()
    );
  },
});

export const errorsStage = defineStage({
  id: 'errors',
  title: 'Error responses',
  difficulty: 'beginner',
  needs: ['users'],
  topics: [TOPIC.httpStatusCodes, TOPIC.errorHandling, TOPIC.inputValidation],
  checks: [unauthorized401, notFound404, duplicate409, validation422],
});
