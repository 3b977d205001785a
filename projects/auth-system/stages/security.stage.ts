import {
  defineCheck,
  defineStage,
  describeStatus,
  fail,
  type HttpResponse,
  pass,
  readPath,
} from '@groundwork/grader';
import {
  createAccount,
  getMe,
  isFailure,
  newDevice,
  REFRESH_COOKIE,
  readSetCookie,
  refresh,
} from './auth-requests';
import { loginTiming } from './login-timing';
import { TOPIC } from './topics';

const MESSAGE_KEYS = ['detail', 'message', 'error', 'title', 'code', 'type', 'field'] as const;

/** What must not differ between the two refusals: the status and the message fields. */
function refusalOf(res: HttpResponse): string {
  const body = res.json();
  const fields =
    typeof body === 'object' && body !== null
      ? MESSAGE_KEYS.map((key) => [key, readPath(body, key)])
      : [['body', res.text()]];
  return JSON.stringify([res.status, fields]);
}

const loginNoEnumeration = defineCheck({
  id: 'login-no-enumeration',
  title: 'A wrong password and an unknown email both answer the same 401',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const wrongPassword = await ctx.http.post('/auth/login', {
      json: { email: account.email, password: `${account.password}-wrong` },
    });
    const unknownEmail = await ctx.http.post('/auth/login', {
      json: { email: ctx.data.email(), password: account.password },
    });
    if (wrongPassword.status === 401 && refusalOf(wrongPassword) === refusalOf(unknownEmail)) return pass();
    return fail({
      expected: 'the same 401 and message for an unknown email as for a wrong password',
      actual: `${describeStatus(unknownEmail.status)} ${unknownEmail.text().slice(0, 120)} for the unknown email; ${describeStatus(wrongPassword.status)} ${wrongPassword.text().slice(0, 120)} for the wrong password`,
      hint: 'POST /auth/login answered an unknown email differently from a wrong password, which tells an attacker which emails have accounts: answer both with one 401 and one message.',
      exchange: unknownEmail.exchange,
    });
  },
});

const jwtTampering = defineCheck({
  id: 'jwt-tampering',
  title: 'Tampered, truncated, forged and alg:none access tokens are refused with 401',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    return ctx.probes.brokenAuthentication({
      token: device.accessToken,
      send: (authorization) =>
        ctx.http.get('/me', { headers: authorization === undefined ? {} : { authorization } }),
    });
  },
});

const tokenInUrlRefused = defineCheck({
  id: 'token-in-url-refused',
  title:
    'An access token in the URL (?access_token=, ?token=) is refused: only the Authorization header counts',
  topic: TOPIC.apiSecurity,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    for (const name of ['access_token', 'token']) {
      const res = await ctx.http.get('/me', { query: { [name]: device.accessToken } });
      if (res.status === 401) continue;
      return fail({
        expected: '401 for a token in the query string',
        actual: `status ${describeStatus(res.status)}`,
        hint: `GET /me?${name}=<a valid access token> answered ${describeStatus(res.status)}, but tokens in URLs end up in logs, proxies and browser history: accept them in the Authorization header only.`,
        exchange: res.exchange,
      });
    }
    return pass();
  },
});

const responseHygiene = defineCheck({
  id: 'response-hygiene',
  title: 'No response carries a password, a hash, a TOTP secret or the refresh token in its body',
  topic: TOPIC.apiSecurity,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    const refreshed = await refresh(ctx, device.refreshToken);
    const next = readSetCookie(refreshed, REFRESH_COOKIE)?.value;
    const responses = [
      device.login,
      await getMe(ctx, device.accessToken),
      await ctx.http.get('/auth/sessions', { headers: device.bearer }),
      refreshed,
    ];
    const verdict = ctx.probes.responseHygiene({
      responses,
      forbidden: [
        { value: device.password, description: 'the password' },
        { value: device.refreshToken, description: 'the refresh token (it belongs in the HttpOnly cookie)' },
        ...(next
          ? [{ value: next, description: 'the new refresh token (it belongs in the HttpOnly cookie)' }]
          : []),
      ],
    });
    if (verdict.status === 'fail') return verdict;
    const meResponse = responses[1] as HttpResponse;
    const me = meResponse.text();
    if (!/totp_?secret|"secret"/i.test(me)) return pass();
    return fail({
      expected: 'no TOTP secret in GET /me',
      actual: me.slice(0, 200),
      hint: 'GET /me answers the TOTP secret, which is shown once at enrolment and never again.',
      exchange: meResponse.exchange,
    });
  },
});

export const securityStage = defineStage({
  id: 'security',
  title: 'Security: enumeration, timing, tokens',
  difficulty: 'advanced',
  needs: ['log-in'],
  topics: [TOPIC.signupAndLoginFlows, TOPIC.passwordHashing, TOPIC.tokenAuthentication, TOPIC.apiSecurity],
  checks: [loginNoEnumeration, loginTiming, jwtTampering, tokenInUrlRefused, responseHygiene],
});
