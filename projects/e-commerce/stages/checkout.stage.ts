import { randomUUID } from 'node:crypto';
import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  expectJson,
  expectStatus,
  type Failure,
  type HttpResponse,
  is,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError, isObject } from '../../kit/checks/problem-body';
import {
  addToCart,
  as,
  cartItemPath,
  failWith,
  type Id,
  idIn,
  idOf,
  isFailure,
  isSameId,
  isSuccess,
  listOrderIds,
  postCheckout,
  readCart,
  registerUser,
  SHIPPING_ADDRESS,
  type ShopUser,
  setUpProduct,
  setupFailure,
} from './shop-requests';
import { TOPIC } from './topics';

const PRICE = 1250;
const CONCURRENT_REPEATS = 10;

/** A new customer with `quantity` of a new product (stock 50) in the cart. */
async function customerWithCart(
  ctx: CheckContext,
  quantity = 1,
): Promise<{ user: ShopUser; productId: Id } | Failure> {
  const product = await setUpProduct(ctx, { price: PRICE, stock: 50 });
  if (isFailure(product)) return product;
  const user = await registerUser(ctx);
  if (isFailure(user)) return user;
  const added = await addToCart(ctx, user, product.id, quantity);
  return added ?? { user, productId: product.id };
}

/** The user's orders are exactly `expected` (ids), or a failure saying what the list holds instead. */
async function expectOrders(
  ctx: CheckContext,
  user: ShopUser,
  expected: readonly Id[],
  after: string,
): Promise<Failure | undefined> {
  const orders = await listOrderIds(ctx, user);
  if (isFailure(orders)) return orders;
  const isExact =
    orders.ids.length === expected.length && expected.every((id) => orders.ids.includes(String(id)));
  if (isExact) return undefined;
  const wanted = expected.length === 0 ? 'no orders' : `only order ${expected.map(String).join(', ')}`;
  return failWith(
    orders.res,
    wanted,
    orders.ids.length === 0 ? 'no orders' : `orders ${orders.ids.join(', ')}`,
    `${after}, GET /orders should list ${wanted}, but it lists ${orders.ids.length === 0 ? 'none' : `${orders.ids.length}: ${orders.ids.join(', ')}`}.`,
  );
}

/** The first checkout of a check that judges what comes after it (setup: any 2xx with an id). */
async function firstCheckout(
  ctx: CheckContext,
  user: ShopUser,
  key: string,
): Promise<{ id: Id; res: HttpResponse } | Failure> {
  const res = await postCheckout(ctx, user, { key });
  const id = idOf(res);
  if (isSuccess(res) && id !== undefined) return { id, res };
  return setupFailure(res, 'a first checkout to make an order', isSuccess(res) ? ' with no order id' : '');
}

const checkoutCreatesOrder = defineCheck({
  id: 'checkout-creates-order',
  title:
    'POST /checkout answers 201 with a pending order of the cart and its Location, empties the cart, and lists the order',
  topic: TOPIC.transactionsAndAcid,
  async run(ctx) {
    const setup = await customerWithCart(ctx, 2);
    if (isFailure(setup)) return setup;
    const { user, productId } = setup;
    const res = await postCheckout(ctx, user);
    const failure =
      expectStatus(res, 201, {
        hint: `POST /checkout with an Idempotency-Key and a cart of 2 × ${PRICE} cents should answer 201 Created with the order, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectJson(res, {
        id: is.where('a non-empty string or an integer', (v) => idIn({ id: v }) !== undefined),
        status: 'pending',
        total: 2 * PRICE,
        shippingAddress: SHIPPING_ADDRESS,
        items: is.where(
          `a line with "productId": ${String(productId)}, "quantity": 2, "unitPrice": ${PRICE}, "lineTotal": ${2 * PRICE}`,
          (items) =>
            Array.isArray(items) &&
            items.some(
              (item) =>
                isObject(item) &&
                isSameId(item.productId, productId) &&
                item.quantity === 2 &&
                item.unitPrice === PRICE &&
                item.lineTotal === 2 * PRICE,
            ),
        ),
      });
    if (failure) return failure;
    const id = idOf(res) as Id;
    const location = res.header('location');
    const path =
      location !== undefined && URL.canParse(location, res.url) ? new URL(location, res.url).pathname : '';
    if (!path.endsWith(`/orders/${encodeURIComponent(String(id))}`)) {
      return failWith(
        res,
        `a Location header naming /orders/${String(id)}`,
        location === undefined ? 'no Location header' : `location: ${location}`,
        `POST /checkout answered 201 with order ${String(id)}, so its Location header should be /orders/${String(id)}, but it is ${location ?? 'missing'}.`,
      );
    }
    const cart = await readCart(ctx, user);
    if (isFailure(cart)) return cart;
    if (cart.items.length > 0) {
      return failWith(
        cart.res,
        'an empty cart after checkout',
        `the items ${describeJson(cart.items)}`,
        `After POST /checkout made order ${String(id)}, GET /cart should be empty, but it still holds ${describeJson(cart.items)}: empty the cart in the same transaction that creates the order.`,
      );
    }
    return (await expectOrders(ctx, user, [id], `After POST /checkout made order ${String(id)}`)) ?? pass();
  },
});

const checkoutRequiresKey = defineCheck({
  id: 'checkout-requires-key',
  title: 'POST /checkout without an Idempotency-Key header answers 400 naming it, and makes no order',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const setup = await customerWithCart(ctx);
    if (isFailure(setup)) return setup;
    const res = await postCheckout(ctx, setup.user, { key: null });
    const expectation = {
      status: 400,
      field: 'Idempotency-Key',
      request: 'POST /checkout without an Idempotency-Key header',
      rule: 'the header is required',
      ...(isSuccess(res) ? { why: 'refuse the request before making the order' } : {}),
    };
    const failure = expectJsonError(res, expectation);
    // a field named in lower case, as HTTP header names are case-insensitive, names it too
    if (failure && expectJsonError(res, { ...expectation, field: 'idempotency-key' })) return failure;
    return (
      (await expectOrders(ctx, setup.user, [], 'After POST /checkout without an Idempotency-Key')) ?? pass()
    );
  },
});

const checkoutEmptyCart = defineCheck({
  id: 'checkout-empty-cart',
  title: 'POST /checkout with an empty cart answers 409 and makes no order',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const setup = await customerWithCart(ctx);
    if (isFailure(setup)) return setup;
    const removed = await ctx.http.delete(cartItemPath(setup.productId), as(setup.user));
    if (!isSuccess(removed)) return setupFailure(removed, 'to take the only item out of a cart');
    const res = await postCheckout(ctx, setup.user);
    const failure = expectJsonError(res, {
      status: 409,
      request: 'POST /checkout with an empty cart',
      rule: 'there is nothing to order',
      ...(isSuccess(res) ? { why: 'refuse to make an order with no items' } : {}),
    });
    if (failure) return failure;
    return (await expectOrders(ctx, setup.user, [], 'After POST /checkout with an empty cart')) ?? pass();
  },
});

const idempotentReplay = defineCheck({
  id: 'idempotent-replay',
  title:
    'POST /checkout with the same Idempotency-Key again answers the same order, and no second one is made',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const setup = await customerWithCart(ctx);
    if (isFailure(setup)) return setup;
    const key = randomUUID();
    const first = await firstCheckout(ctx, setup.user, key);
    if (isFailure(first)) return first;
    const again = await postCheckout(ctx, setup.user, { key });
    const againId = idOf(again);
    if (again.status !== first.res.status || againId === undefined || !isSameId(againId, first.id)) {
      return failWith(
        again,
        `status ${describeStatus(first.res.status)} naming order ${String(first.id)}, as the first time`,
        `status ${describeStatus(again.status)}${againId === undefined ? '' : ` naming order ${String(againId)}`}`,
        `POST /checkout sent again with Idempotency-Key ${key} and the same body should answer exactly as the first time (${describeStatus(first.res.status)}, order ${String(first.id)}), but it answered ${describeStatus(again.status)}${againId === undefined ? '' : ` naming order ${String(againId)}`}: store each key's answer and send it back.`,
      );
    }
    const after = `After POST /checkout was sent twice with Idempotency-Key ${key}`;
    return (await expectOrders(ctx, setup.user, [first.id], after)) ?? pass();
  },
});

const idempotencyKeyMismatch = defineCheck({
  id: 'idempotency-key-mismatch',
  title: 'Reusing an Idempotency-Key with a different body answers 422, and no second order is made',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const setup = await customerWithCart(ctx);
    if (isFailure(setup)) return setup;
    const key = randomUUID();
    const first = await firstCheckout(ctx, setup.user, key);
    if (isFailure(first)) return first;
    const body = { shippingAddress: `${SHIPPING_ADDRESS}, flat 2` };
    const res = await postCheckout(ctx, setup.user, { key, body });
    const failure = expectJsonError(res, {
      status: 422,
      request: `POST /checkout with Idempotency-Key ${key} again but ${describeJson(body)}`,
      rule: 'a key already used with another body',
      ...(isSuccess(res)
        ? { why: 'store a hash of the body with the key and compare it on every repeat' }
        : {}),
    });
    if (failure) return failure;
    const after = `After Idempotency-Key ${key} was reused with a different body`;
    return (await expectOrders(ctx, setup.user, [first.id], after)) ?? pass();
  },
});

const idempotencyConcurrent = defineCheck({
  id: 'idempotency-concurrent',
  title: `${CONCURRENT_REPEATS} POST /checkout at once with one Idempotency-Key make exactly one order, and every 2xx names it`,
  topic: TOPIC.threadsAndConcurrency,
  async run(ctx) {
    const setup = await customerWithCart(ctx);
    if (isFailure(setup)) return setup;
    const key = randomUUID();
    const wide = ctx.http.withConnections(CONCURRENT_REPEATS);
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT_REPEATS }, () => postCheckout(ctx, setup.user, { key, client: wide })),
    );
    const odd = answers.find((res) => !isSuccess(res) && res.status !== 409);
    const at = `${CONCURRENT_REPEATS} POST /checkout sent at once with Idempotency-Key ${key} and the same body`;
    if (odd) {
      return failWith(
        odd,
        'each answer the order (2xx) or 409 for a repeat still in progress',
        `status ${describeStatus(odd.status)}`,
        `Of ${at}, each should answer with the one order or 409 while the first is in progress, but one answered ${describeStatus(odd.status)}.`,
      );
    }
    const orders = await listOrderIds(ctx, setup.user);
    if (isFailure(orders)) return orders;
    const [orderId] = orders.ids;
    if (orders.ids.length !== 1 || orderId === undefined) {
      return failWith(
        orders.res,
        'exactly one order',
        `${orders.ids.length} orders`,
        `After ${at}, GET /orders should list exactly one order, but it lists ${orders.ids.length}: claim the key first with an insert a unique constraint guards, before making the order.`,
      );
    }
    const successes = answers.filter(isSuccess);
    const stray = successes.find((res) => !isSameId(idOf(res), orderId));
    if (successes.length > 0 && stray === undefined)
      return pass(`${successes.length} × 2xx, ${answers.length - successes.length} × 409`);
    return failWith(
      stray ?? answers[0],
      `every 2xx answer naming order ${orderId}`,
      stray === undefined ? 'no 2xx answer' : `an answer naming ${describeJson(idOf(stray))}`,
      stray === undefined
        ? `Of ${at}, one should make the order and answer 201, but all answered 409.`
        : `Of ${at}, every 2xx answer should name the one order ${orderId}, but one named ${describeJson(idOf(stray))}.`,
    );
  },
});

export const checkoutStage = defineStage({
  id: 'checkout',
  title: 'Checkout',
  difficulty: 'intermediate',
  needs: ['cart'],
  topics: [
    TOPIC.apiDesign,
    TOPIC.transactionsAndAcid,
    TOPIC.threadsAndConcurrency,
    TOPIC.httpHeaders,
    TOPIC.httpStatusCodes,
  ],
  checks: [
    checkoutCreatesOrder,
    checkoutRequiresKey,
    checkoutEmptyCart,
    idempotentReplay,
    idempotencyKeyMismatch,
    idempotencyConcurrent,
  ],
});
