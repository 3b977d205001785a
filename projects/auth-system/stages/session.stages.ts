import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  fail,
  pass,
  readPath,
} from '@groundwork/grader';
import {
  bearer,
  createAccount,
  type Device,
  getMe,
  isFailure,
  isSuccess,
  logIn,
  newDevice,
  REFRESH_COOKIE,
  readSetCookie,
  refresh,
  setupFailure,
  sleep,
  stillWorks,
  TEST_EXPIRY_HEADER,
  withCookie,
} from './auth-requests';
import { TOPIC } from './topics';

// spec.md: access tokens live 15 minutes at most
const MAX_ACCESS_TOKEN_SECONDS = 900;
const SHORT_TTL_SECONDS = 1;
const EXPIRY_WAIT_MS = 1_300;

const loginIssuesTokens = defineCheck({
  id: 'login-issues-tokens',
  title: 'POST /auth/login answers an access token that GET /me accepts, and sets the refresh cookie',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    const me = await getMe(ctx, device.accessToken);
    if (isSuccess(me) && String(readPath(me.json(), 'email')).toLowerCase() === device.email) return pass();
    return fail({
      expected: `200 with "email": "${device.email}"`,
      actual: `status ${describeStatus(me.status)}`,
      hint: `GET /me with Authorization: Bearer <the access token POST /auth/login just gave> answered ${describeStatus(me.status)}, but it should answer 200 with the account's email.`,
      exchange: me.exchange,
    });
  },
});

const refreshCookieFlags = defineCheck({
  id: 'refresh-cookie-flags',
  title: 'The refresh token is an HttpOnly, Secure, SameSite cookie, and never in the body',
  topic: TOPIC.sessionAuthentication,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    const cookie = readSetCookie(device.login, REFRESH_COOKIE);
    const sameSite = cookie?.attributes.get('samesite')?.toLowerCase();
    const missing = [
      cookie?.attributes.has('httponly') ? undefined : 'HttpOnly',
      cookie?.attributes.has('secure') ? undefined : 'Secure',
      sameSite === 'strict' || sameSite === 'lax' ? undefined : 'SameSite=Strict (or Lax)',
    ].filter((one) => one !== undefined);
    if (missing.length > 0) {
      return fail({
        expected: 'Set-Cookie: refresh_token=…; HttpOnly; Secure; SameSite=Strict',
        actual: `set-cookie: ${device.login.header('set-cookie') ?? '(none)'}`,
        hint: `The refresh_token cookie POST /auth/login sets lacks ${missing.join(', ')}: without them a script or another site can steal or send a token that lives for weeks.`,
        exchange: device.login.exchange,
      });
    }
    if (!device.login.text().includes(device.refreshToken)) return pass();
    return fail({
      expected: 'the refresh token in the cookie only',
      actual: 'the refresh token in the JSON body too',
      hint: 'POST /auth/login puts the refresh token in its body as well as in the cookie, so scripts can read it: keep it in the HttpOnly cookie only.',
      exchange: device.login.exchange,
    });
  },
});

const accessTokenShortLived = defineCheck({
  id: 'access-token-short-lived',
  title: 'Access tokens say they live 15 minutes at most, and are refused once expired',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const device = await logIn(ctx, account);
    if (isFailure(device)) return device;
    const expiresIn = readPath(device.login.json(), 'expiresIn');
    if (typeof expiresIn !== 'number' || expiresIn <= 0 || expiresIn > MAX_ACCESS_TOKEN_SECONDS) {
      return fail({
        expected: `"expiresIn" from 1 to ${MAX_ACCESS_TOKEN_SECONDS} seconds`,
        actual: `"expiresIn": ${JSON.stringify(expiresIn)}`,
        hint: `POST /auth/login answered "expiresIn": ${JSON.stringify(expiresIn)}, but access tokens must be short-lived (${MAX_ACCESS_TOKEN_SECONDS} seconds at most); the refresh token is what lasts.`,
        exchange: device.login.exchange,
      });
    }
    const short = await logIn(ctx, account, { headers: { [TEST_EXPIRY_HEADER]: String(SHORT_TTL_SECONDS) } });
    if (isFailure(short)) return short;
    await sleep(ctx, EXPIRY_WAIT_MS);
    const me = await getMe(ctx, short.accessToken);
    if (me.status === 401) return pass();
    return stillWorks(
      me,
      `an access token that expired ${(EXPIRY_WAIT_MS / 1000 - SHORT_TTL_SECONDS).toFixed(1)} s ago (${TEST_EXPIRY_HEADER}: ${SHORT_TTL_SECONDS} at log-in)`,
      'once its exp has passed',
      TOPIC.tokenAuthentication,
    );
  },
});

export const logInStage = defineStage({
  id: 'log-in',
  title: 'Log in',
  difficulty: 'intermediate',
  needs: ['email-verification'],
  topics: [TOPIC.tokenAuthentication, TOPIC.sessionAuthentication],
  checks: [loginIssuesTokens, refreshCookieFlags, accessTokenShortLived],
});

const refreshRotates = defineCheck({
  id: 'refresh-rotates',
  title: 'POST /auth/refresh answers a working access token and a new refresh token',
  topic: TOPIC.sessionAuthentication,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    const res = await refresh(ctx, device.refreshToken);
    if (!isSuccess(res)) {
      return fail({
        expected: '200 with a new access token',
        actual: `status ${describeStatus(res.status)}`,
        hint: `POST /auth/refresh with the refresh_token cookie from log-in answered ${describeStatus(res.status)}, but it should answer 200 with new tokens.`,
        exchange: res.exchange,
      });
    }
    const accessToken = readPath(res.json(), 'accessToken');
    const me = typeof accessToken === 'string' ? await getMe(ctx, accessToken) : undefined;
    if (me === undefined || !isSuccess(me)) {
      return fail({
        expected: 'an accessToken GET /me accepts',
        actual:
          me === undefined ? 'no accessToken in the body' : `GET /me answered ${describeStatus(me.status)}`,
        hint: 'POST /auth/refresh should answer an "accessToken" that GET /me accepts, but it did not.',
        exchange: (me ?? res).exchange,
      });
    }
    const next = readSetCookie(res, REFRESH_COOKIE)?.value;
    if (next && next !== device.refreshToken) return pass();
    return fail({
      expected: 'a new refresh_token cookie',
      actual: next ? 'the same refresh token again' : 'no refresh_token cookie',
      hint: 'POST /auth/refresh must rotate the refresh token (set a new refresh_token cookie and retire the old one), but it did not.',
      exchange: res.exchange,
    });
  },
});

const refreshReuseRevokesFamily = defineCheck({
  id: 'refresh-reuse-revokes-family',
  title: 'Presenting a used refresh token is refused and ends its whole family',
  topic: TOPIC.sessionAuthentication,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    const rotated = await refresh(ctx, device.refreshToken);
    const next = readSetCookie(rotated, REFRESH_COOKIE)?.value;
    if (!isSuccess(rotated) || !next)
      return setupFailure(rotated, 'a refresh to work', TOPIC.sessionAuthentication);
    const replay = await refresh(ctx, device.refreshToken);
    if (replay.status !== 401) {
      return stillWorks(
        replay,
        'a refresh token already exchanged',
        'and the whole session ended',
        TOPIC.sessionAuthentication,
      );
    }
    const heir = await refresh(ctx, next);
    if (heir.status === 401) return pass();
    return stillWorks(
      heir,
      'the refresh token that replaced one just replayed',
      'because a replayed refresh token means it was stolen: revoke every token of its family',
      TOPIC.sessionAuthentication,
    );
  },
});

export const refreshRotationStage = defineStage({
  id: 'refresh-rotation',
  title: 'Refresh rotation with reuse detection',
  difficulty: 'advanced',
  needs: ['log-in'],
  topics: [TOPIC.sessionAuthentication],
  checks: [refreshRotates, refreshReuseRevokesFamily],
});

/** Both tokens of `device` must now be refused: its refresh token and its access token. */
async function expectDeviceSignedOut(ctx: CheckContext, device: Device, why: string) {
  const refreshed = await refresh(ctx, device.refreshToken);
  if (refreshed.status !== 401)
    return stillWorks(
      refreshed,
      `the refresh token of a session that ${why}`,
      'at once',
      TOPIC.sessionAuthentication,
    );
  const me = await getMe(ctx, device.accessToken);
  if (me.status !== 401)
    return stillWorks(
      me,
      `the access token of a session that ${why}`,
      'at once',
      TOPIC.sessionAuthentication,
    );
  return undefined;
}

const logoutRevokesSession = defineCheck({
  id: 'logout-revokes-session',
  title: 'After POST /auth/logout, that session’s refresh and access tokens are refused',
  topic: TOPIC.sessionAuthentication,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    const out = await ctx.http.post('/auth/logout', {
      headers: { ...device.bearer, ...withCookie(device.refreshToken) },
    });
    if (!isSuccess(out)) return setupFailure(out, 'to log out', TOPIC.sessionAuthentication);
    return (await expectDeviceSignedOut(ctx, device, 'logged out')) ?? pass();
  },
});

const logoutEverywhere = defineCheck({
  id: 'logout-everywhere',
  title: 'POST /auth/logout-all ends every session of the account',
  topic: TOPIC.sessionAuthentication,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const phone = await logIn(ctx, account);
    if (isFailure(phone)) return phone;
    const laptop = await logIn(ctx, account);
    if (isFailure(laptop)) return laptop;
    const out = await ctx.http.post('/auth/logout-all', { headers: bearer(laptop.accessToken) });
    if (!isSuccess(out)) return setupFailure(out, 'to log out everywhere', TOPIC.sessionAuthentication);
    return (
      (await expectDeviceSignedOut(ctx, phone, 'was ended by log-out everywhere from another device')) ??
      (await expectDeviceSignedOut(ctx, laptop, 'logged out everywhere')) ??
      pass()
    );
  },
});

export const logOutStage = defineStage({
  id: 'log-out',
  title: 'Log out, and log out everywhere',
  difficulty: 'intermediate',
  needs: ['refresh-rotation'],
  topics: [TOPIC.sessionAuthentication],
  checks: [logoutRevokesSession, logoutEverywhere],
});

interface ListedSession {
  id: string;
  current: boolean;
}

async function listSessions(ctx: CheckContext, device: Device) {
  const res = await ctx.http.get('/auth/sessions', { headers: device.bearer });
  const raw = readPath(res.json(), 'sessions');
  const sessions = (Array.isArray(raw) ? raw : []).filter(
    (one): one is ListedSession =>
      typeof one === 'object' && one !== null && (typeof one.id === 'string' || typeof one.id === 'number'),
  );
  return { res, sessions: sessions.map((one) => ({ id: String(one.id), current: one.current === true })) };
}

const sessionsListed = defineCheck({
  id: 'sessions-listed',
  title: 'GET /auth/sessions lists the account’s signed-in devices, and only those, marking the current one',
  topic: TOPIC.sessionAuthentication,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const phone = await logIn(ctx, account, { headers: { 'user-agent': 'groundwork-grader (phone)' } });
    if (isFailure(phone)) return phone;
    const laptop = await logIn(ctx, account, { headers: { 'user-agent': 'groundwork-grader (laptop)' } });
    if (isFailure(laptop)) return laptop;
    const { res, sessions } = await listSessions(ctx, laptop);
    const currents = sessions.filter((one) => one.current).length;
    if (isSuccess(res) && sessions.length === 2 && currents === 1) return pass();
    return fail({
      expected: '200 with "sessions": two entries, one "current": true',
      actual: `status ${describeStatus(res.status)}, ${sessions.length} sessions, ${currents} current`,
      hint: `GET /auth/sessions for an account signed in on two devices answered ${describeStatus(res.status)} with ${sessions.length} sessions (${currents} marked current), but it should list exactly its two, the caller's marked "current": true.`,
      exchange: res.exchange,
    });
  },
});

const sessionRevokeOne = defineCheck({
  id: 'session-revoke-one',
  title: 'DELETE /auth/sessions/{id} ends that device’s session, and only its owner may',
  topic: TOPIC.sessionAuthentication,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const phone = await logIn(ctx, account);
    if (isFailure(phone)) return phone;
    const laptop = await logIn(ctx, account);
    if (isFailure(laptop)) return laptop;
    const stranger = await newDevice(ctx);
    if (isFailure(stranger)) return stranger;
    const { res, sessions } = await listSessions(ctx, laptop);
    const phoneSession = sessions.find((one) => !one.current);
    if (phoneSession === undefined)
      return setupFailure(res, 'the list of sessions', TOPIC.sessionAuthentication);
    const path = `/auth/sessions/${encodeURIComponent(phoneSession.id)}`;
    const byStranger = await ctx.http.delete(path, { headers: stranger.bearer });
    const phoneMe = await getMe(ctx, phone.accessToken);
    if (isSuccess(byStranger) || !isSuccess(phoneMe)) {
      return fail({
        expected: '403 or 404 for another account, and the session untouched',
        actual: `DELETE answered ${describeStatus(byStranger.status)}; the phone's GET /me then ${describeStatus(phoneMe.status)}`,
        hint: `DELETE ${path} by another account answered ${describeStatus(byStranger.status)} and the phone's GET /me then ${describeStatus(phoneMe.status)}, but only the owner may end a session: look it up by id and owner, and answer 404.`,
        exchange: byStranger.exchange,
        topic: TOPIC.sessionAuthentication,
      });
    }
    const byOwner = await ctx.http.delete(path, { headers: laptop.bearer });
    if (!isSuccess(byOwner))
      return setupFailure(byOwner, 'the owner to end a session', TOPIC.sessionAuthentication);
    const failure = await expectDeviceSignedOut(ctx, phone, 'was revoked from another device');
    if (failure) return failure;
    const laptopMe = await getMe(ctx, laptop.accessToken);
    return isSuccess(laptopMe)
      ? pass()
      : setupFailure(laptopMe, 'the revoking device to stay signed in', TOPIC.sessionAuthentication);
  },
});

export const sessionsStage = defineStage({
  id: 'sessions',
  title: 'Sessions: the signed-in devices',
  difficulty: 'intermediate',
  needs: ['log-in'],
  topics: [TOPIC.sessionAuthentication],
  checks: [sessionsListed, sessionRevokeOne],
});
