import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  type Failure,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError } from '../../kit/checks/problem-body';
import {
  addToCart,
  failWith,
  type Id,
  isFailure,
  isSuccess,
  listOrderIds,
  placeOrder,
  postCheckout,
  productPath,
  readProduct,
  registerUser,
  type ShopUser,
  setUpProduct,
} from './shop-requests';
import { TOPIC } from './topics';

// the spec's promise: 50 buyers at the same moment for 10 in stock
const BUYERS = 50;
const STOCK = 10;
// registering hashes a password: a few at a time is enough
const SETUP_CONNECTIONS = 10;

/** `count` new customers, each with `quantity` of the product in the cart, made `SETUP_CONNECTIONS` at a time. */
async function buyersWithCarts(
  ctx: CheckContext,
  productId: Id,
  count: number,
): Promise<ShopUser[] | Failure> {
  const wide = ctx.http.withConnections(SETUP_CONNECTIONS);
  const buyers: ShopUser[] = [];
  while (buyers.length < count) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(SETUP_CONNECTIONS, count - buyers.length) }, async () => {
        const user = await registerUser(ctx, wide);
        if (isFailure(user)) return user;
        return (await addToCart(ctx, user, productId, 1, wide)) ?? user;
      }),
    );
    for (const one of batch) {
      if (isFailure(one)) return one;
      buyers.push(one);
    }
  }
  return buyers;
}

/** The product's stock is `expected`, or a failure saying what it is. */
async function expectStock(ctx: CheckContext, id: Id, expected: number, after: string, why: string) {
  const read = await readProduct(ctx, id);
  if (isFailure(read)) return read;
  if (read.body.stock === expected) return undefined;
  return failWith(
    read.res,
    `"stock": ${expected}`,
    `"stock": ${describeJson(read.body.stock)}`,
    `${after}, GET ${productPath(id)} should say "stock": ${expected}, but it says ${describeJson(read.body.stock)}${why}.`,
  );
}

const noOversell = defineCheck({
  id: 'no-oversell',
  title: `${BUYERS} checkouts at once for a product with stock ${STOCK} sell exactly ${STOCK}: ${STOCK} × 201, ${BUYERS - STOCK} × 409, stock 0`,
  topic: TOPIC.transactionsAndAcid,
  async run(ctx) {
    const product = await setUpProduct(ctx, { price: 500, stock: STOCK });
    if (isFailure(product)) return product;
    const buyers = await buyersWithCarts(ctx, product.id, BUYERS);
    if (isFailure(buyers)) return buyers;
    const all = ctx.http.withConnections(BUYERS);
    const answers = await Promise.all(buyers.map((user) => postCheckout(ctx, user, { client: all })));
    const at = `${BUYERS} users, each with 1 of a product with stock ${STOCK} in the cart, checked out at the same moment`;
    const odd = answers.find((res) => !isSuccess(res) && res.status !== 409);
    if (odd) {
      return failWith(
        odd,
        `${STOCK} × 201 and ${BUYERS - STOCK} × 409`,
        `status ${describeStatus(odd.status)}`,
        `${at}, and one checkout answered ${describeStatus(odd.status)} where only 201 (sold) or 409 (not enough stock) will do: under load, a transaction that fails to get its rows should be retried or answered 409, never an error.`,
      );
    }
    const sold = answers.filter(isSuccess);
    if (sold.length !== STOCK) {
      return failWith(
        sold.length > STOCK ? sold[STOCK] : answers.find((res) => res.status === 409),
        `exactly ${STOCK} checkouts succeeding and ${BUYERS - STOCK} answering 409`,
        `${sold.length} succeeded, ${BUYERS - sold.length} answered 409`,
        sold.length > STOCK
          ? `${at}, and ${sold.length} of them succeeded, so ${sold.length - STOCK} more cups were sold than the shop had: check and take the stock in one statement (UPDATE products SET stock = stock - $2 WHERE id = $1 AND stock >= $2) instead of reading it first and writing it back.`
          : `${at}, but only ${sold.length} of them succeeded while ${STOCK} were in stock: refuse with 409 only when the stock is really too low.`,
      );
    }
    const stockFailure = await expectStock(
      ctx,
      product.id,
      0,
      `After ${STOCK} of ${BUYERS} checkouts at once succeeded for a product with stock ${STOCK}`,
      ': each successful checkout should take its quantity off the stock, once',
    );
    return stockFailure ?? pass(`${STOCK} × 2xx, ${BUYERS - STOCK} × 409, stock 0`);
  },
});

const stockFollowsOrders = defineCheck({
  id: 'stock-follows-orders',
  title:
    'Buying 2 of 5 leaves stock 3, and a checkout for 4 more answers 409, makes no order and takes no stock',
  topic: TOPIC.transactionsAndAcid,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const order = await placeOrder(ctx, user, { price: 700, stock: 5, quantity: 2 });
    if (isFailure(order)) return order;
    const product = { id: order.productId };
    const orderId = order.id;
    const afterSale = await expectStock(
      ctx,
      product.id,
      3,
      'After a checkout of 2 of a product with stock 5',
      ': take each line’s quantity off the stock in the checkout’s transaction',
    );
    if (afterSale) return afterSale;
    const more = await addToCart(ctx, user, product.id, 4);
    if (more) return more;
    const refused = await postCheckout(ctx, user);
    const failure = expectJsonError(refused, {
      status: 409,
      request: 'POST /checkout for 4 of a product with 3 left in stock',
      rule: 'not enough stock',
      ...(isSuccess(refused)
        ? { why: 'compare the stock with the quantity in the same statement that takes it' }
        : {}),
    });
    if (failure) return failure;
    const orders = await listOrderIds(ctx, user);
    if (isFailure(orders)) return orders;
    if (orders.ids.length !== 1 || orders.ids[0] !== String(orderId)) {
      return failWith(
        orders.res,
        `only order ${String(orderId)}`,
        `orders ${orders.ids.join(', ') || 'none'}`,
        `After a checkout for 4 of a product with 3 left was refused with 409, GET /orders should list only the first order, ${String(orderId)}, but it lists ${orders.ids.join(', ') || 'none'}.`,
      );
    }
    return (
      (await expectStock(
        ctx,
        product.id,
        3,
        'After a checkout for 4 with 3 left was refused',
        ': a refused checkout must roll back everything it did',
      )) ?? pass()
    );
  },
});

export const inventoryStage = defineStage({
  id: 'inventory',
  title: 'Inventory under pressure',
  difficulty: 'advanced',
  needs: ['checkout'],
  topics: [TOPIC.transactionsAndAcid, TOPIC.threadsAndConcurrency],
  // 50 registrations (each hashing a password) come before the burst
  timeoutMs: 120_000,
  checks: [noOversell, stockFollowsOrders],
});
