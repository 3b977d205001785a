import { defineCheck, defineStage, fail, isJwtShaped } from '@groundwork/grader';
import { isFailure, userFor } from './conduit';
import { TOPIC } from './topics';

// GET /user's refusals in the contract: 401, and 422 for anything else it cannot take
const REFUSED = [401, 422];

const malformedToken401 = defineCheck({
  id: 'malformed-token-401',
  title: 'Malformed or tampered tokens answer 401, never 2xx or 5xx',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    return ctx.probes.brokenAuthentication({
      token: user.token,
      kinds: ['malformed', 'tampered'],
      rejectedStatuses: REFUSED,
      // the probe speaks Bearer; the contract's scheme is Token
      send: (authorization) =>
        ctx.http.get('/user', {
          headers:
            authorization === undefined ? {} : { authorization: authorization.replace(/^Bearer\b/, 'Token') },
        }),
    });
  },
});

const forgedToken401 = defineCheck({
  id: 'forged-token-401',
  title: 'Forged JWTs (alg none, a changed payload, a bad signature, an exp in the past) answer 401',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const user = await userFor(ctx, 'author');
    if (isFailure(user)) return user;
    if (!isJwtShaped(user.token)) {
      return fail({
        expected: 'a JWT (three base64url parts) in user.token',
        actual: `a token of ${user.token.length} characters that is not a JWT`,
        hint: 'The contract says POST /users answers a JWT in user.token, but this token is not one, so JWT forgeries cannot be tried.',
      });
    }
    return ctx.probes.jwtForgery({
      token: user.token,
      rejectedStatuses: REFUSED,
      send: (token) => ctx.http.get('/user', { headers: { authorization: `Token ${token}` } }),
    });
  },
});

export const jwtStage = defineStage({
  id: 'jwt',
  title: 'JWT handling (beyond RealWorld)',
  difficulty: 'intermediate',
  needs: ['users'],
  topics: [TOPIC.tokenAuthentication, TOPIC.apiSecurity],
  checks: [malformedToken401, forgedToken401],
});
