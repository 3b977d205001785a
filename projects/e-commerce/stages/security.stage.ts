import {
  defineCheck,
  defineStage,
  describeStatus,
  expectStatus,
  findDatabaseErrorText,
  pass,
  SQL_INJECTION_PAIRS,
} from '@groundwork/grader';
import { describeJson, expectJsonError, isObject } from '../../kit/checks/problem-body';
import {
  addToCart,
  adminFor,
  as,
  cartItemPath,
  createProduct,
  describeRequest,
  failWith,
  idOf,
  isFailure,
  isSameId,
  lineFor,
  listOrderIds,
  orderPath,
  placeOrder,
  postCheckout,
  productBody,
  putCartItem,
  readCart,
  readOrder,
  registerUser,
  SHIPPING_ADDRESS,
  setUpProduct,
  uniqueWord,
} from './shop-requests';
import { TOPIC } from './topics';

const ordersOwnerOnly = defineCheck({
  id: 'orders-owner-only',
  title: "Another user can neither read nor cancel someone's order (404 or 403), nor see it in GET /orders",
  topic: TOPIC.apiSecurity,
  async run(ctx) {
    const owner = await registerUser(ctx);
    if (isFailure(owner)) return owner;
    const other = await registerUser(ctx);
    if (isFailure(other)) return other;
    const order = await placeOrder(ctx, owner);
    if (isFailure(order)) return order;
    const ownRead = await readOrder(ctx, owner, order.id);
    if (isFailure(ownRead)) return ownRead;
    const path = orderPath(order.id);
    const attempts = [
      { res: await ctx.http.get(path, as(other)), request: `GET ${path}` },
      { res: await ctx.http.post(`${path}/cancel`, as(other)), request: `POST ${path}/cancel` },
    ];
    for (const { res, request } of attempts) {
      const failure = expectStatus(res, [404, 403], {
        hint: `${request} with another customer's token should answer 404 (or 403), as the order is not theirs, but it answered ${describeStatus(res.status)}: look orders up by id and owner together (… WHERE id = $1 AND user_id = $2).`,
      });
      if (failure) return failure;
    }
    const after = await readOrder(ctx, owner, order.id);
    if (isFailure(after)) return after;
    if (after.body.status !== 'pending') {
      return failWith(
        attempts[1]?.res,
        '"status": "pending"',
        `"status": ${describeJson(after.body.status)}`,
        `After another customer's POST ${path}/cancel was refused, the owner's GET ${path} should still say "pending", but it says ${describeJson(after.body.status)}: refuse before changing anything.`,
      );
    }
    const listed = await listOrderIds(ctx, other);
    if (isFailure(listed)) return listed;
    if (!listed.ids.includes(String(order.id))) return pass();
    return failWith(
      listed.res,
      "no other user's orders in GET /orders",
      `order ${String(order.id)} listed`,
      `GET /orders with another customer's token lists order ${String(order.id)}, which is not theirs: list only the orders of the user in the token.`,
    );
  },
});

const checkoutIgnoresClientPrices = defineCheck({
  id: 'checkout-ignores-client-prices',
  title: 'A checkout body carrying "total": 1 and items priced 1 makes an order priced from the catalogue',
  topic: TOPIC.apiSecurity,
  async run(ctx) {
    const price = 2500;
    const product = await setUpProduct(ctx, { price, stock: 50 });
    if (isFailure(product)) return product;
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const added = await addToCart(ctx, user, product.id, 1);
    if (added) return added;
    const body = {
      shippingAddress: SHIPPING_ADDRESS,
      total: 1,
      items: [{ productId: product.id, quantity: 1, price: 1, unitPrice: 1 }],
    };
    const res = await postCheckout(ctx, user, { body });
    const request = `POST /checkout with ${describeJson(body)} for a cart of one ${price}-cent product`;
    const failure = expectStatus(res, 201, {
      hint: `${request} should answer 201 with the order (the extra fields are ignored), but it answered ${describeStatus(res.status)}.`,
    });
    if (failure) return failure;
    const order = res.json();
    const items = isObject(order) && Array.isArray(order.items) ? order.items : [];
    const isPricedRight =
      isObject(order) &&
      order.total === price &&
      items.length === 1 &&
      isObject(items[0]) &&
      items[0].unitPrice === price &&
      items[0].lineTotal === price;
    if (!isPricedRight) {
      return failWith(
        res,
        `"total": ${price} and one line with "unitPrice": ${price}, from the catalogue`,
        `"total": ${describeJson(isObject(order) ? order.total : undefined)}, the lines ${describeJson(items)}`,
        `${request} should make an order priced from the catalogue, "total": ${price}, but it answered "total": ${describeJson(isObject(order) ? order.total : undefined)} with the lines ${describeJson(items)}: read prices from the products table, never from the request.`,
      );
    }
    const id = idOf(res);
    if (id === undefined) return pass();
    const stored = await readOrder(ctx, user, id);
    if (isFailure(stored)) return stored;
    if (stored.body.total === price) return pass();
    return failWith(
      stored.res,
      `"total": ${price}`,
      `"total": ${describeJson(stored.body.total)}`,
      `After ${request}, GET ${orderPath(id)} should say "total": ${price}, but it says ${describeJson(stored.body.total)}: compute every price and total from the catalogue, never from the request.`,
    );
  },
});

const negativeQuantityRefused = defineCheck({
  id: 'negative-quantity-refused',
  title:
    'PUT /cart/items/:productId with "quantity": -1 answers 422 naming quantity, and the cart is unchanged',
  topic: TOPIC.inputValidation,
  async run(ctx) {
    const product = await setUpProduct(ctx, { stock: 50 });
    if (isFailure(product)) return product;
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const added = await addToCart(ctx, user, product.id, 1);
    if (added) return added;
    const res = await putCartItem(ctx, user, product.id, -1);
    const failure = expectJsonError(res, {
      status: 422,
      field: 'quantity',
      request: `PUT ${cartItemPath(product.id)} with {"quantity": -1}`,
      rule: 'a negative quantity would make a negative total',
      ...(res.status < 300 ? { why: 'refuse any quantity outside 1 to 99 before saving it' } : {}),
    });
    if (failure) return failure;
    const cart = await readCart(ctx, user);
    if (isFailure(cart)) return cart;
    const line = lineFor(cart.items, product.id);
    if (line?.quantity === 1 && cart.items.length === 1) return pass();
    return failWith(
      cart.res,
      'the product with "quantity": 1, as before',
      `the items ${describeJson(cart.items)}`,
      `After PUT ${cartItemPath(product.id)} with {"quantity": -1} was refused, GET /cart should still hold the product with "quantity": 1, but it holds ${describeJson(cart.items)}.`,
    );
  },
});

/** True when the product's name or description holds `text`, ignoring case: a genuine search hit. */
function isGenuineMatch(item: Record<string, unknown>, text: string): boolean {
  const needle = text.toLowerCase();
  return [item.name, item.description].some(
    (value) => typeof value === 'string' && value.toLowerCase().includes(needle),
  );
}

const searchInjectionSafe = defineCheck({
  id: 'search-injection-safe',
  title: 'GET /products?q= with SQL in it answers 200 with only genuine matches, and no database error',
  topic: TOPIC.sqlInjection,
  async run(ctx) {
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const word = uniqueWord(ctx);
    const made = [];
    for (const suffix of ['alpha', 'beta']) {
      const product = await createProduct(ctx, admin, productBody(ctx, { name: `Probe ${word} ${suffix}` }));
      if (isFailure(product)) return product;
      made.push(product);
    }
    const control = await ctx.http.get(`/products?${new URLSearchParams({ q: word })}`);
    const controlBody = control.json();
    const controlItems = isObject(controlBody) && Array.isArray(controlBody.items) ? controlBody.items : [];
    if (
      control.status !== 200 ||
      !made.every((p) => controlItems.some((item) => isObject(item) && isSameId(item.id, p.id)))
    ) {
      return failWith(
        control,
        `status 200 listing the 2 products named with "${word}"`,
        control.status === 200
          ? `the items ${describeJson(controlItems)}`
          : `status ${describeStatus(control.status)}`,
        `The grader needs GET /products?q=${word} to find the 2 products it just named with that word before it tries SQL in q, but it answered ${control.status === 200 ? describeJson(controlItems) : describeStatus(control.status)}.`,
      );
    }
    const inputs = SQL_INJECTION_PAIRS.flatMap(({ tautology, contradiction }) => [
      tautology,
      contradiction,
      `${word}${tautology}`,
    ]);
    for (const q of inputs) {
      const res = await ctx.http.get(`/products?${new URLSearchParams({ q })}`);
      const request = describeRequest(res);
      const leaked = findDatabaseErrorText(res.text());
      if (leaked) {
        return failWith(
          res,
          'no database error text in the answer',
          `${leaked.engine} error text: "${leaked.excerpt}"`,
          `${request} (q set to ${JSON.stringify(q)}) answered with ${leaked.engine} error text: pass q to the database as a parameter, never pasted into the SQL, and never send database errors to clients.`,
        );
      }
      const body = res.json();
      if (res.status !== 200 || !isObject(body) || !Array.isArray(body.items)) {
        return failWith(
          res,
          'status 200 with {"items": [...]}: q is plain text',
          `status ${describeStatus(res.status)}`,
          `${request} (q set to ${JSON.stringify(q)}) should answer 200 with the products containing that text, as q is plain text, but it answered ${describeStatus(res.status)}: pass q to the database as a parameter.`,
        );
      }
      const stray = body.items.find((item) => !isObject(item) || !isGenuineMatch(item, q));
      if (stray !== undefined) {
        return failWith(
          res,
          `only products whose name or description contains ${JSON.stringify(q)}`,
          `the product ${describeJson(stray)}`,
          `${request} (q set to ${JSON.stringify(q)}) listed ${describeJson(stray)}, whose name and description do not contain that text: the SQL in q was run, so pass q as a parameter instead of pasting it into the query.`,
        );
      }
    }
    return pass();
  },
});

export const securityStage = defineStage({
  id: 'security',
  title: 'Security',
  difficulty: 'intermediate',
  needs: ['checkout'],
  topics: [TOPIC.apiSecurity, TOPIC.owaspTopTen, TOPIC.sqlInjection, TOPIC.inputValidation],
  checks: [ordersOwnerOnly, checkoutIgnoresClientPrices, negativeQuantityRefused, searchInjectionSafe],
});
