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
  isSuccess,
  logIn,
  newDevice,
  setupFailure,
  tokenFromOutbox,
} from './auth-requests';
import { TOPIC } from './topics';

function expectRefused(res: HttpResponse, statuses: readonly number[], who: string, why: string) {
  if (statuses.includes(res.status)) return undefined;
  return fail({
    expected: `${statuses.join(' or ')} for ${who}`,
    actual: `status ${describeStatus(res.status)}`,
    hint: `${res.method} ${new URL(res.url).pathname} by ${who} answered ${describeStatus(res.status)}, but it should be refused with ${statuses.join(' or ')}: ${why}.`,
    exchange: res.exchange,
  });
}

const adminOnlyRoute = defineCheck({
  id: 'admin-only-route',
  title: 'GET /admin/users answers admins, refuses users with 403 and anonymous callers with 401',
  topic: TOPIC.roleBasedAccessControl,
  async run(ctx) {
    const anonymous = await ctx.http.get('/admin/users');
    const anonymousFailure = expectRefused(anonymous, [401], 'an anonymous caller', 'sign-in comes first');
    if (anonymousFailure) return anonymousFailure;
    const user = await newDevice(ctx);
    if (isFailure(user)) return user;
    const byUser = await ctx.http.get('/admin/users', { headers: user.bearer });
    const userFailure = expectRefused(
      byUser,
      [403],
      'a signed-in user who is not an admin',
      'check the role on every admin route',
    );
    if (userFailure) return userFailure;
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    const promoted = await ctx.http.post('/test/promote', { json: { email: account.email } });
    if (!isSuccess(promoted))
      return setupFailure(
        promoted,
        'POST /test/promote (test mode) to make an admin',
        TOPIC.roleBasedAccessControl,
      );
    const admin = await logIn(ctx, account);
    if (isFailure(admin)) return admin;
    const byAdmin = await ctx.http.get('/admin/users', { headers: admin.bearer });
    return isSuccess(byAdmin)
      ? pass()
      : setupFailure(byAdmin, 'an admin to read GET /admin/users', TOPIC.roleBasedAccessControl);
  },
});

const noSelfPromotion = defineCheck({
  id: 'no-self-promotion',
  title:
    'A user cannot make themselves an admin: not with role in the sign-up body, not through PATCH /admin/users/{id}',
  topic: TOPIC.roleBasedAccessControl,
  async run(ctx) {
    const account = { email: ctx.data.email(), password: ctx.data.password() };
    const signedUp = await ctx.http.post('/auth/signup', {
      json: { ...account, role: 'admin', isAdmin: true },
    });
    if (!isSuccess(signedUp)) return setupFailure(signedUp, 'to sign a new user up (extra fields ignored)');
    const token = await tokenFromOutbox(ctx, account.email, 'verify-email');
    if (isFailure(token)) return token;
    const verified = await ctx.http.post('/auth/verify-email', { json: { token } });
    if (!isSuccess(verified)) return setupFailure(verified, 'to verify a new email');
    const device = await logIn(ctx, account);
    if (isFailure(device)) return device;
    const me = await getMe(ctx, device.accessToken);
    const id = readPath(me.json(), 'id');
    const asAdmin = await ctx.http.get('/admin/users', { headers: device.bearer });
    const signupFailure =
      readPath(me.json(), 'role') === 'admin' || isSuccess(asAdmin)
        ? fail({
            expected: 'role "user" and 403 from GET /admin/users',
            actual: `role ${JSON.stringify(readPath(me.json(), 'role'))}, GET /admin/users ${describeStatus(asAdmin.status)}`,
            hint: 'POST /auth/signup with "role": "admin" in its body made an admin, but sign-up must ignore role: new accounts are always users.',
            exchange: asAdmin.exchange,
          })
        : undefined;
    if (signupFailure) return signupFailure;
    if (typeof id !== 'string' && typeof id !== 'number')
      return setupFailure(me, 'GET /me to give the account’s id', TOPIC.roleBasedAccessControl);
    const patched = await ctx.http.patch(`/admin/users/${encodeURIComponent(String(id))}`, {
      json: { role: 'admin' },
      headers: device.bearer,
    });
    return expectRefused(patched, [403], 'a user on their own account', 'only admins change roles') ?? pass();
  },
});

export const rolesStage = defineStage({
  id: 'roles',
  title: 'Roles',
  difficulty: 'intermediate',
  needs: ['log-in'],
  topics: [TOPIC.roleBasedAccessControl],
  checks: [adminOnlyRoute, noSelfPromotion],
});
