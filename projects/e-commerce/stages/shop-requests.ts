import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  type CheckContext,
  describeStatus,
  type Failure,
  fail,
  type HttpClient,
  type HttpResponse,
} from '@groundwork/grader';
import { describeJson, isObject } from '../../kit/checks/problem-body';

/** The payment provider's signing secret while grading (the spec's test mode). */
export const WEBHOOK_SECRET = 'whsec_groundwork_test';
export const SHIPPING_ADDRESS = '1 Grader Street, 1000 Brussels, Belgium';

/** An id as the contract allows it: a non-empty string or an integer. */
export type Id = string | number;

/** A user the grader registered through the learner's API, with the token it got as an opaque string. */
export interface ShopUser {
  email: string;
  password: string;
  token: string;
  /** `{ authorization: 'Bearer …' }`. */
  headers: Readonly<Record<string, string>>;
}

export interface CreatedProduct {
  id: Id;
  body: Record<string, unknown>;
  res: HttpResponse;
}

export interface PlacedOrder {
  id: Id;
  productId: Id;
  /** What the catalogue says the order costs: price × quantity. */
  total: number;
  res: HttpResponse;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const TOKEN_KEYS = ['token', 'accessToken', 'access_token'] as const;
const STATE_PREFIX = 'e-commerce.users.';

export function isFailure(value: unknown): value is Failure {
  return isObject(value) && value.status === 'fail';
}

export function isSuccess(res: HttpResponse): boolean {
  return res.status >= 200 && res.status <= 299;
}

/** `GET /products?q=x`: a request as hints name it. */
export function describeRequest(res: HttpResponse): string {
  const url = new URL(res.url);
  return `${res.method} ${url.pathname}${url.search}`;
}

/** A setup step that did not answer 2xx: the grader could not prepare what a check needs. */
export function setupFailure(res: HttpResponse, what: string, detail = ''): Failure {
  return fail({
    expected: 'a 2xx status',
    actual: `status ${describeStatus(res.status)}${detail}`,
    hint: `The grader needs ${what} to test this, but ${describeRequest(res)} answered ${describeStatus(res.status)}${detail}.`,
    exchange: res.exchange,
  });
}

/** A failure about one response (the exchange attached when there is one), its hint one sentence. */
export function failWith(
  res: HttpResponse | undefined,
  expected: string,
  actual: string,
  hint: string,
): Failure {
  return fail({ expected, actual, hint, ...(res === undefined ? {} : { exchange: res.exchange }) });
}

/** A word no other run or check uses (letters only, so case-insensitive searches can change its case). */
export function uniqueWord(ctx: CheckContext, prefix = 'gw'): string {
  // the random part keeps a rerun with the same seed apart from the data the first run left
  const nonce = [...randomBytes(4)].map((byte) => LETTERS[byte % LETTERS.length]).join('');
  return `${prefix}${ctx.data.string(6, LETTERS)}${nonce}`;
}

/** `{ headers: { authorization: 'Bearer …', … } }` for this user. */
export function as(
  user: ShopUser,
  headers: Readonly<Record<string, string>> = {},
): { headers: Record<string, string> } {
  return { headers: { ...user.headers, ...headers } };
}

/** The id in a body, when it is a non-empty string or an integer. */
export function idIn(value: unknown): Id | undefined {
  const id = isObject(value) ? value.id : undefined;
  return (typeof id === 'string' && id !== '') || Number.isInteger(id) ? (id as Id) : undefined;
}

/** The new object's id: the body's `id`, else the last segment of Location. */
export function idOf(res: HttpResponse): Id | undefined {
  const fromBody = idIn(res.json());
  if (fromBody !== undefined) return fromBody;
  const location = res.header('location');
  if (location === undefined || !URL.canParse(location, res.url)) return undefined;
  const last = new URL(location, res.url).pathname.split('/').filter(Boolean).at(-1);
  return last === undefined ? undefined : decodeURIComponent(last);
}

/** Two ids name the same object: 42 and "42" alike. */
export function isSameId(actual: unknown, expected: Id): boolean {
  return (typeof actual === 'string' || typeof actual === 'number') && String(actual) === String(expected);
}

/** An id shaped like `id` that names nothing: a far larger number, another UUID, or a made-up string. */
export function missingIdLike(ctx: CheckContext, id: Id): string {
  const text = String(id);
  if (/^\d{1,15}$/.test(text)) return String(Number(text) + 1_000_000_000);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return randomUUID();
  return uniqueWord(ctx, 'missing');
}

export const productPath = (id: Id) => `/products/${encodeURIComponent(String(id))}`;
export const cartItemPath = (id: Id) => `/cart/items/${encodeURIComponent(String(id))}`;
export const orderPath = (id: Id) => `/orders/${encodeURIComponent(String(id))}`;

function tokenIn(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const token = TOKEN_KEYS.map((key) => body[key]).find((value) => typeof value === 'string' && value !== '');
  return token as string | undefined;
}

async function logIn(client: HttpClient, email: string, password: string): Promise<string | Failure> {
  const res = await client.post('/auth/login', { json: { email, password } });
  const token = tokenIn(res.json());
  if (isSuccess(res) && token !== undefined) return token;
  return setupFailure(res, 'to log a user in', isSuccess(res) ? ' without a "token"' : '');
}

/** A new customer (any 2xx), its token from the register answer, or from logging in when that had none. */
export async function registerUser(ctx: CheckContext, client = ctx.http): Promise<ShopUser | Failure> {
  let email = ctx.data.email();
  const password = ctx.data.password();
  let res = await client.post('/auth/register', { json: { email, password } });
  if (res.status === 409) {
    // the same seed ran before against this server: the email is taken, so make it unique for real
    email = email.replace('@', `.${randomBytes(4).toString('hex')}@`);
    res = await client.post('/auth/register', { json: { email, password } });
  }
  if (!isSuccess(res)) return setupFailure(res, 'to register a new user');
  const token = tokenIn(res.json()) ?? (await logIn(client, email, password));
  if (isFailure(token)) return token;
  return { email, password, token, headers: { authorization: `Bearer ${token}` } };
}

/** The customer called `label` this run: registered on first use, then kept. */
export async function userFor(ctx: CheckContext, label: string): Promise<ShopUser | Failure> {
  const key = `${STATE_PREFIX}${label}`;
  const saved = ctx.state.get<ShopUser>(key);
  if (saved !== undefined) return saved;
  const user = await registerUser(ctx);
  if (!isFailure(user)) ctx.state.set(key, user);
  return user;
}

/** A new user made an admin with `POST /test/promote`, logged in again so its token carries the new role. */
export async function createAdmin(ctx: CheckContext): Promise<ShopUser | Failure> {
  const user = await registerUser(ctx);
  if (isFailure(user)) return user;
  const promoted = await ctx.http.post('/test/promote', { json: { email: user.email } });
  if (!isSuccess(promoted)) {
    return setupFailure(
      promoted,
      'POST /test/promote to make a new user an admin (run the server in test mode)',
    );
  }
  const token = await logIn(ctx.http, user.email, user.password);
  if (isFailure(token)) return token;
  return { ...user, token, headers: { authorization: `Bearer ${token}` } };
}

/** The run's admin: made on first use, then kept. */
export async function adminFor(ctx: CheckContext): Promise<ShopUser | Failure> {
  const key = `${STATE_PREFIX}admin`;
  const saved = ctx.state.get<ShopUser>(key);
  if (saved !== undefined) return saved;
  const admin = await createAdmin(ctx);
  if (!isFailure(admin)) ctx.state.set(key, admin);
  return admin;
}

/** A valid product body: a unique name in a new category, €10.00, 100 in stock, unless `fields` say otherwise. */
export function productBody(
  ctx: CheckContext,
  fields: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    name: `Groundwork item ${uniqueWord(ctx, '')}`,
    description: 'Made by the grader.',
    price: 1000,
    category: uniqueWord(ctx, 'category-'),
    stock: 100,
    ...fields,
  };
}

/** Creates a product as the admin (setup: any 2xx with an id in the body or Location). */
export async function createProduct(
  ctx: CheckContext,
  admin: ShopUser,
  body: Record<string, unknown>,
  client = ctx.http,
): Promise<CreatedProduct | Failure> {
  const res = await client.post('/products', { json: body, ...as(admin) });
  const id = idOf(res);
  if (isSuccess(res) && id !== undefined) return { id, body, res };
  return failWith(
    res,
    'a 2xx status with the new product and its id',
    `status ${describeStatus(res.status)}${id === undefined ? ' without an id' : ''}`,
    `The grader creates the products it needs as an admin, but POST /products with ${describeJson(body)} answered ${describeStatus(res.status)}${id === undefined ? ' with no id in the body or Location' : ''}.`,
  );
}

/** Creates products `connections` at a time, in order; the first failure stops it. */
export async function createProducts(
  ctx: CheckContext,
  admin: ShopUser,
  bodies: readonly Record<string, unknown>[],
  connections = 8,
): Promise<CreatedProduct[] | Failure> {
  const wide = connections > 1 ? ctx.http.withConnections(connections) : ctx.http;
  const created: CreatedProduct[] = [];
  for (let done = 0; done < bodies.length; done += connections) {
    const batch = bodies.slice(done, done + connections);
    const answers = await Promise.all(batch.map((body) => createProduct(ctx, admin, body, wide)));
    for (const answer of answers) {
      if (isFailure(answer)) return answer;
      created.push(answer);
    }
  }
  return created;
}

/** An admin and one new product with `fields`: the start of most checks. */
export async function setUpProduct(
  ctx: CheckContext,
  fields: Readonly<Record<string, unknown>> = {},
): Promise<CreatedProduct | Failure> {
  const admin = await adminFor(ctx);
  if (isFailure(admin)) return admin;
  return createProduct(ctx, admin, productBody(ctx, fields));
}

/** GET /products/:id (200 with an object), or a setup failure. */
export async function readProduct(
  ctx: CheckContext,
  id: Id,
): Promise<{ body: Record<string, unknown>; res: HttpResponse } | Failure> {
  const res = await ctx.http.get(productPath(id));
  const body = res.json();
  if (res.status === 200 && isObject(body)) return { body, res };
  return setupFailure(res, 'to read the product back');
}

/** The PUT that sets a cart line (the answer as it is: checks judge it). */
export function putCartItem(
  ctx: CheckContext,
  user: ShopUser,
  productId: Id,
  quantity: unknown,
  client = ctx.http,
): Promise<HttpResponse> {
  return client.put(cartItemPath(productId), { json: { quantity }, ...as(user) });
}

/** Puts `quantity` of a product in the cart (setup: any 2xx). */
export async function addToCart(
  ctx: CheckContext,
  user: ShopUser,
  productId: Id,
  quantity: number,
  client = ctx.http,
): Promise<Failure | undefined> {
  const res = await putCartItem(ctx, user, productId, quantity, client);
  return isSuccess(res) ? undefined : setupFailure(res, `to put ${quantity} of a product in a cart`);
}

export interface Cart {
  items: Record<string, unknown>[];
  total: unknown;
  res: HttpResponse;
}

/** GET /cart (200 with an `items` array), or a failure saying so. */
export async function readCart(ctx: CheckContext, user: ShopUser): Promise<Cart | Failure> {
  const res = await ctx.http.get('/cart', as(user));
  const body = res.json();
  if (res.status === 200 && isObject(body) && Array.isArray(body.items)) {
    return { items: body.items.filter(isObject), total: body.total, res };
  }
  return failWith(
    res,
    'status 200 with a cart {"items": [...], "total": ...}',
    res.status === 200 ? `the body ${describeJson(body)}` : `status ${describeStatus(res.status)}`,
    `The grader reads the cart with GET /cart to check this, but it answered ${res.status === 200 ? describeJson(body) : describeStatus(res.status)}.`,
  );
}

/** The cart line for a product, if any. */
export function lineFor(items: readonly Record<string, unknown>[], productId: Id) {
  return items.find((item) => isSameId(item.productId, productId));
}

/** POST /checkout as `user` with an Idempotency-Key (a new one unless given; `null` for none). */
export function postCheckout(
  ctx: CheckContext,
  user: ShopUser,
  options: { key?: string | null; body?: unknown; client?: HttpClient } = {},
): Promise<HttpResponse> {
  const { key = randomUUID(), body = { shippingAddress: SHIPPING_ADDRESS }, client = ctx.http } = options;
  return client.post('/checkout', {
    json: body,
    ...as(user, key === null ? {} : { 'idempotency-key': key }),
  });
}

/** A new product (price, stock), `quantity` of it in the user's cart, checked out: a pending order (setup). */
export async function placeOrder(
  ctx: CheckContext,
  user: ShopUser,
  { price = 1250, stock = 100, quantity = 1 } = {},
): Promise<PlacedOrder | Failure> {
  const product = await setUpProduct(ctx, { price, stock });
  if (isFailure(product)) return product;
  const added = await addToCart(ctx, user, product.id, quantity);
  if (added) return added;
  const res = await postCheckout(ctx, user);
  const id = idOf(res);
  if (isSuccess(res) && id !== undefined) {
    return { id, productId: product.id, total: price * quantity, res };
  }
  return setupFailure(res, 'to check out a cart', isSuccess(res) ? ' with no order id' : '');
}

/** GET /orders/:id as `user` (200 with an object), or a setup failure. */
export async function readOrder(
  ctx: CheckContext,
  user: ShopUser,
  id: Id,
): Promise<{ body: Record<string, unknown>; res: HttpResponse } | Failure> {
  const res = await ctx.http.get(orderPath(id), as(user));
  const body = res.json();
  if (res.status === 200 && isObject(body)) return { body, res };
  return setupFailure(res, "to read the order with its owner's token");
}

/**
 * GET /orders/:id says `expected`, or a failure that blames `sent`: `after` says what happened before,
 * `why` (optional) what the learner should do about it.
 */
export async function expectOrderStatus(
  ctx: CheckContext,
  user: ShopUser,
  id: Id,
  expected: string,
  sent: HttpResponse,
  after: string,
  why?: string,
): Promise<Failure | undefined> {
  const read = await readOrder(ctx, user, id);
  if (isFailure(read)) return read;
  if (read.body.status === expected) return undefined;
  return failWith(
    sent,
    `"status": "${expected}" on GET ${orderPath(id)}`,
    `"status": ${describeJson(read.body.status)}`,
    `${after}, GET ${orderPath(id)} should say "${expected}", but it says ${describeJson(read.body.status)}${why ? `: ${why}` : ''}.`,
  );
}

/** The ids in GET /orders as `user`, or a setup failure. */
export async function listOrderIds(
  ctx: CheckContext,
  user: ShopUser,
): Promise<{ ids: string[]; res: HttpResponse } | Failure> {
  const res = await ctx.http.get('/orders', as(user));
  const body = res.json();
  if (res.status === 200 && isObject(body) && Array.isArray(body.items)) {
    return { ids: body.items.map((item) => String(idIn(item))), res };
  }
  return setupFailure(
    res,
    "GET /orders to list the user's orders",
    res.status === 200 ? ' without an "items" array' : '',
  );
}

export interface PaymentEvent {
  id: string;
  type: string;
  data: { orderId: Id; amount: number };
}

export function paymentEvent(ctx: CheckContext, orderId: Id, amount: number): PaymentEvent {
  return { id: `evt_${uniqueWord(ctx, '')}`, type: 'payment.succeeded', data: { orderId, amount } };
}

export const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** `v1=<hex>`: HMAC-SHA256 over `${timestamp}.${rawBody}`, as the payment provider signs. */
export function signWebhook(rawBody: string, timestamp: number, secret = WEBHOOK_SECRET): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** POST /webhooks/payments with the exact raw body it signed; `secret: null` leaves the signature out. */
export function sendWebhook(
  ctx: CheckContext,
  event: PaymentEvent,
  { secret = WEBHOOK_SECRET as string | null, timestamp = nowInSeconds() } = {},
): Promise<HttpResponse> {
  const rawBody = JSON.stringify(event);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-timestamp': String(timestamp),
  };
  if (secret !== null) headers['webhook-signature'] = signWebhook(rawBody, timestamp, secret);
  return ctx.http.post('/webhooks/payments', { body: rawBody, headers });
}

/** Pays an order with a correctly signed event for its total and sees it `paid` (setup). */
export async function payOrder(
  ctx: CheckContext,
  owner: ShopUser,
  order: PlacedOrder,
): Promise<Failure | undefined> {
  const res = await sendWebhook(ctx, paymentEvent(ctx, order.id, order.total));
  if (!isSuccess(res)) return setupFailure(res, 'a signed payment.succeeded webhook to pay an order');
  const read = await readOrder(ctx, owner, order.id);
  if (isFailure(read)) return read;
  if (read.body.status === 'paid') return undefined;
  return failWith(
    read.res,
    '"status": "paid"',
    `"status": ${describeJson(read.body.status)}`,
    `The grader paid order ${String(order.id)} with a correctly signed payment.succeeded webhook for its total of ${order.total}, but GET ${orderPath(order.id)} then said ${describeJson(read.body.status)} rather than "paid".`,
  );
}
