import { randomBytes } from 'node:crypto';
import {
  defineCheck,
  defineStage,
  describeStatus,
  expectJson,
  expectStatus,
  is,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError, isObject } from '../../kit/checks/problem-body';
import {
  as,
  createAdmin,
  failWith,
  isFailure,
  isSuccess,
  productPath,
  readProduct,
  registerUser,
  setUpProduct,
  uniqueWord,
  userFor,
} from './shop-requests';
import { TOPIC } from './topics';

const isId = is.where(
  'a non-empty string or an integer',
  (value) => (typeof value === 'string' && value !== '') || Number.isInteger(value),
);
const isEmail = (email: string) =>
  is.where(`the email sent, ${email}`, (value) => typeof value === 'string' && value.toLowerCase() === email);

const registerReturnsToken = defineCheck({
  id: 'register-returns-token',
  title: 'POST /auth/register answers 201 with the new customer and a token, and never the password',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    let email = ctx.data.email();
    const password = ctx.data.password();
    let res = await ctx.http.post('/auth/register', { json: { email, password } });
    if (res.status === 409) {
      // a rerun with the same seed: the email is taken on this server
      email = email.replace('@', `.${randomBytes(4).toString('hex')}@`);
      res = await ctx.http.post('/auth/register', { json: { email, password } });
    }
    const failure =
      expectStatus(res, 201, {
        hint: `POST /auth/register with a new email and a strong password should answer 201 Created, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectJson(res, {
        user: { id: isId, email: isEmail(email), role: 'customer' },
        token: is.nonEmptyString(),
      });
    if (failure) return failure;
    return ctx.probes.responseHygiene({
      responses: [res],
      forbidden: [{ value: password, description: 'the password just sent' }],
    });
  },
});

const loginReturnsToken = defineCheck({
  id: 'login-returns-token',
  title: 'POST /auth/login with the right password answers 200 with the user and a token',
  topic: TOPIC.tokenAuthentication,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const res = await ctx.http.post('/auth/login', { json: { email: user.email, password: user.password } });
    return (
      expectStatus(res, 200, {
        hint: `POST /auth/login with the email and password just registered should answer 200 OK, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectJson(res, { user: { email: isEmail(user.email) }, token: is.nonEmptyString() }) ??
      pass()
    );
  },
});

const loginRejectsBadPassword = defineCheck({
  id: 'login-rejects-bad-password',
  title:
    'POST /auth/login with the right email and a wrong password answers 401 with a JSON error, and no token',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const res = await ctx.http.post('/auth/login', {
      json: { email: user.email, password: `${user.password}-wrong` },
    });
    const failure = expectJsonError(res, {
      status: 401,
      request: 'POST /auth/login with a registered email and a wrong password',
      ...(isSuccess(res)
        ? { why: 'compare the password with the stored hash and refuse when they differ' }
        : {}),
    });
    if (failure) return failure;
    const body = res.json();
    if (!isObject(body) || body.token === undefined) return pass();
    return failWith(
      res,
      'no token in the refusal',
      `"token": ${describeJson(body.token)}`,
      `POST /auth/login with a wrong password answered 401 but still carried a "token": a refused log-in must give nothing that signs in.`,
    );
  },
});

const adminManagesProducts = defineCheck({
  id: 'admin-manages-products',
  title: 'A user promoted to admin can create a product (201) and change it (PATCH, 200)',
  topic: TOPIC.roleBasedAccessControl,
  async run(ctx) {
    const admin = await createAdmin(ctx);
    if (isFailure(admin)) return admin;
    const body = {
      name: `Groundwork lamp ${uniqueWord(ctx, '')}`,
      description: 'A lamp the grader made.',
      price: 4999,
      category: uniqueWord(ctx, 'category-'),
      stock: 7,
    };
    const created = await ctx.http.post('/products', { json: body, ...as(admin) });
    const createFailure =
      expectStatus(created, 201, {
        hint: `POST /products with ${describeJson(body)} as a user promoted to admin (with a token from logging in after POST /test/promote) should answer 201 Created, but it answered ${describeStatus(created.status)}.`,
      }) ?? expectJson(created, { id: isId, name: body.name, price: body.price, stock: body.stock });
    if (createFailure) return createFailure;
    const id = (created.json() as { id: string | number }).id;
    const change = { price: 3999, stock: 9 };
    const patched = await ctx.http.patch(productPath(id), { json: change, ...as(admin) });
    return (
      expectStatus(patched, 200, {
        hint: `PATCH ${productPath(id)} with ${describeJson(change)} as an admin should answer 200 OK with the product, but it answered ${describeStatus(patched.status)}.`,
      }) ??
      expectJson(patched, { price: change.price, stock: change.stock, name: body.name }) ??
      pass()
    );
  },
});

const customerCannotManageProducts = defineCheck({
  id: 'customer-cannot-manage-products',
  title: 'A customer creating or changing a product gets 403, an anonymous caller 401, and nothing changes',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const product = await setUpProduct(ctx, { price: 2500, stock: 5 });
    if (isFailure(product)) return product;
    const customer = await userFor(ctx, 'customer');
    if (isFailure(customer)) return customer;
    const path = productPath(product.id);
    const newProduct = { ...product.body, name: `Not allowed ${uniqueWord(ctx, '')}` };
    const change = { price: 1 };
    const attempts = [
      {
        status: 403,
        who: 'a customer',
        res: await ctx.http.post('/products', { json: newProduct, ...as(customer) }),
      },
      { status: 403, who: 'a customer', res: await ctx.http.patch(path, { json: change, ...as(customer) }) },
      {
        status: 401,
        who: 'an anonymous caller',
        res: await ctx.http.post('/products', { json: newProduct }),
      },
      { status: 401, who: 'an anonymous caller', res: await ctx.http.patch(path, { json: change }) },
    ];
    for (const { status, who, res } of attempts) {
      const failure = expectJsonError(res, {
        status,
        request: `${res.method} ${new URL(res.url).pathname} by ${who}`,
        rule: status === 403 ? 'only admins manage products' : 'no Authorization header',
        why:
          status === 403
            ? "check the caller's role, not only that they are signed in"
            : 'refuse requests without a valid token before anything else',
      });
      if (failure) return failure;
    }
    const read = await readProduct(ctx, product.id);
    if (isFailure(read)) return read;
    if (read.body.price === product.body.price) return pass();
    return failWith(
      read.res,
      `"price": ${String(product.body.price)} (unchanged)`,
      `"price": ${describeJson(read.body.price)}`,
      `After PATCH ${path} with ${describeJson(change)} was refused to a customer and an anonymous caller, GET ${path} should still say "price": ${String(product.body.price)}, but it says ${describeJson(read.body.price)}: refuse before writing.`,
    );
  },
});

export const accountsStage = defineStage({
  id: 'accounts',
  title: 'Accounts and roles',
  difficulty: 'beginner',
  topics: [
    TOPIC.signupAndLoginFlows,
    TOPIC.passwordHashing,
    TOPIC.tokenAuthentication,
    TOPIC.roleBasedAccessControl,
    TOPIC.authenticationVsAuthorization,
  ],
  checks: [
    registerReturnsToken,
    loginReturnsToken,
    loginRejectsBadPassword,
    adminManagesProducts,
    customerCannotManageProducts,
  ],
});
