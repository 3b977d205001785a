import { defineCheck, defineStage, describeStatus, expectStatus, pass } from '@groundwork/grader';
import { describeJson, expectJsonError } from '../../kit/checks/problem-body';
import {
  addToCart,
  adminFor,
  as,
  cartItemPath,
  createProduct,
  failWith,
  isFailure,
  isSuccess,
  lineFor,
  missingIdLike,
  productBody,
  putCartItem,
  readCart,
  registerUser,
  setUpProduct,
  setupFailure,
  uniqueWord,
} from './shop-requests';
import { TOPIC } from './topics';

const cartSetAndRemove = defineCheck({
  id: 'cart-set-and-remove',
  title: 'PUT /cart/items/:productId sets the quantity (2 then 3 gives 3), and DELETE takes the item out',
  topic: TOPIC.crudOperations,
  async run(ctx) {
    const product = await setUpProduct(ctx, { stock: 50 });
    if (isFailure(product)) return product;
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const path = cartItemPath(product.id);
    for (const quantity of [2, 3]) {
      const res = await putCartItem(ctx, user, product.id, quantity);
      const failure = expectStatus(res, [200, 201], {
        hint: `PUT ${path} with {"quantity": ${quantity}} should answer 200 with the cart, but it answered ${describeStatus(res.status)}.`,
      });
      if (failure) return failure;
    }
    const cart = await readCart(ctx, user);
    if (isFailure(cart)) return cart;
    const line = lineFor(cart.items, product.id);
    if (line?.quantity !== 3) {
      return failWith(
        cart.res,
        `a line for product ${String(product.id)} with "quantity": 3`,
        line === undefined ? 'no line for it' : `"quantity": ${describeJson(line.quantity)}`,
        line === undefined
          ? `After PUT ${path} with {"quantity": 2} and then {"quantity": 3}, GET /cart should hold the product, but it does not.`
          : `After PUT ${path} with {"quantity": 2} and then {"quantity": 3}, GET /cart should say "quantity": 3 (PUT sets the quantity, it does not add to it), but it says ${describeJson(line.quantity)}.`,
      );
    }
    const removed = await ctx.http.delete(path, as(user));
    const failure = expectStatus(removed, [200, 204], {
      hint: `DELETE ${path} should answer 200 with the cart (or 204), but it answered ${describeStatus(removed.status)}.`,
    });
    if (failure) return failure;
    const after = await readCart(ctx, user);
    if (isFailure(after)) return after;
    if (lineFor(after.items, product.id) === undefined) return pass();
    return failWith(
      after.res,
      `no line for product ${String(product.id)}`,
      `the line ${describeJson(lineFor(after.items, product.id))}`,
      `After DELETE ${path} answered ${describeStatus(removed.status)}, GET /cart should no longer hold the product, but it still does.`,
    );
  },
});

const cartTotalExact = defineCheck({
  id: 'cart-total-exact',
  title: 'Cart totals are exact sums of cents: 10 + 20 is 30, and 3 × 110 is 330',
  topic: TOPIC.variablesAndDataTypes,
  async run(ctx) {
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const category = uniqueWord(ctx, 'category-');
    const make = (price: number) =>
      createProduct(ctx, admin, productBody(ctx, { price, category, stock: 50 }));
    const ten = await make(10);
    if (isFailure(ten)) return ten;
    const twenty = await make(20);
    if (isFailure(twenty)) return twenty;
    const hundredTen = await make(110);
    if (isFailure(hundredTen)) return hundredTen;
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const added = (await addToCart(ctx, user, ten.id, 1)) ?? (await addToCart(ctx, user, twenty.id, 1));
    if (added) return added;
    const first = await readCart(ctx, user);
    if (isFailure(first)) return first;
    if (first.total !== 30) {
      return failWith(
        first.res,
        '"total": 30',
        `"total": ${describeJson(first.total)}`,
        `A cart holding one 10-cent and one 20-cent product should have "total": 30 exactly, but GET /cart says ${describeJson(first.total)}: add whole cents as integers, never as floating-point euros.`,
      );
    }
    const more = await addToCart(ctx, user, hundredTen.id, 3);
    if (more) return more;
    const second = await readCart(ctx, user);
    if (isFailure(second)) return second;
    const line = lineFor(second.items, hundredTen.id);
    if (line?.unitPrice === 110 && line.lineTotal === 330 && second.total === 360) return pass();
    return failWith(
      second.res,
      'a line with "unitPrice": 110, "lineTotal": 330, and "total": 360',
      `the line ${describeJson(line)}, "total": ${describeJson(second.total)}`,
      `After adding 3 of a 110-cent product to a cart worth 30, GET /cart should show its line with "unitPrice": 110 and "lineTotal": 330 and a "total" of 360, but it shows the line ${describeJson(line)} and "total": ${describeJson(second.total)}.`,
    );
  },
});

const cartQuantityValidated = defineCheck({
  id: 'cart-quantity-validated',
  title: 'Quantities of 0, 2.5, 100 or "2" answer 422 naming quantity, and the cart stays as it was',
  topic: TOPIC.inputValidation,
  async run(ctx) {
    const product = await setUpProduct(ctx, { stock: 500 });
    if (isFailure(product)) return product;
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const added = await addToCart(ctx, user, product.id, 1);
    if (added) return added;
    const path = cartItemPath(product.id);
    for (const quantity of [0, 2.5, 100, '2']) {
      const res = await putCartItem(ctx, user, product.id, quantity);
      const failure = expectJsonError(res, {
        status: 422,
        field: 'quantity',
        request: `PUT ${path} with ${describeJson({ quantity })}`,
        rule: 'a quantity is a whole number from 1 to 99',
        ...(isSuccess(res) ? { why: 'check the quantity is an integer from 1 to 99 before saving it' } : {}),
      });
      if (failure) return failure;
    }
    const cart = await readCart(ctx, user);
    if (isFailure(cart)) return cart;
    const line = lineFor(cart.items, product.id);
    if (line?.quantity === 1) return pass();
    return failWith(
      cart.res,
      '"quantity": 1, as before the refused updates',
      line === undefined ? 'no line for the product' : `"quantity": ${describeJson(line.quantity)}`,
      `After PUT ${path} was refused for quantities 0, 2.5, 100 and "2", GET /cart should still hold the product with "quantity": 1, but it shows ${line === undefined ? 'no line for it' : describeJson(line.quantity)}.`,
    );
  },
});

const cartUnknownProduct = defineCheck({
  id: 'cart-unknown-product',
  title: 'Putting a product that does not exist in the cart answers 404, and the cart stays as it was',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const product = await setUpProduct(ctx, { stock: 50 });
    if (isFailure(product)) return product;
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const added = await addToCart(ctx, user, product.id, 1);
    if (added) return added;
    const missing = missingIdLike(ctx, product.id);
    const res = await putCartItem(ctx, user, missing, 1);
    const failure = expectJsonError(res, {
      status: 404,
      request: `PUT ${cartItemPath(missing)}, a product id that names no product,`,
      ...(isSuccess(res) || res.status >= 500
        ? { why: 'look the product up first and answer 404 when it is not there' }
        : {}),
    });
    if (failure) return failure;
    const cart = await readCart(ctx, user);
    if (isFailure(cart)) return cart;
    if (cart.items.length === 1 && lineFor(cart.items, product.id) !== undefined) return pass();
    return failWith(
      cart.res,
      'only the one product put there before',
      `the items ${describeJson(cart.items)}`,
      `After PUT ${cartItemPath(missing)} was refused, GET /cart should hold only the product put there before, but it holds ${describeJson(cart.items)}.`,
    );
  },
});

const cartPerUser = defineCheck({
  id: 'cart-per-user',
  title: "Each user has their own cart: another user's PUT and DELETE never touch it",
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const first = await setUpProduct(ctx, { stock: 50 });
    if (isFailure(first)) return first;
    const second = await setUpProduct(ctx, { stock: 50 });
    if (isFailure(second)) return second;
    const alice = await registerUser(ctx);
    if (isFailure(alice)) return alice;
    const bob = await registerUser(ctx);
    if (isFailure(bob)) return bob;
    const added = await addToCart(ctx, alice, first.id, 2);
    if (added) return added;
    const bobsCart = await readCart(ctx, bob);
    if (isFailure(bobsCart)) return bobsCart;
    if (lineFor(bobsCart.items, first.id) !== undefined) {
      return failWith(
        bobsCart.res,
        "a cart without the other user's item",
        `the items ${describeJson(bobsCart.items)}`,
        `One user put product ${String(first.id)} in their cart, and GET /cart with another user's token shows it too: keep one cart per user, found by the id in the token.`,
      );
    }
    const bobsChanges = (await addToCart(ctx, bob, second.id, 1)) ?? (await addToCart(ctx, bob, first.id, 5));
    if (bobsChanges) return bobsChanges;
    const removed = await ctx.http.delete(cartItemPath(first.id), as(bob));
    if (!isSuccess(removed))
      return setupFailure(removed, 'a second user to remove an item from their own cart');
    const alicesCart = await readCart(ctx, alice);
    if (isFailure(alicesCart)) return alicesCart;
    const line = lineFor(alicesCart.items, first.id);
    if (line?.quantity === 2 && lineFor(alicesCart.items, second.id) === undefined) return pass();
    return failWith(
      alicesCart.res,
      `only product ${String(first.id)} with "quantity": 2`,
      `the items ${describeJson(alicesCart.items)}`,
      `A second user put two products in their own cart, set one to 5 and removed it, and afterwards the first user's GET /cart shows ${describeJson(alicesCart.items)} instead of their own line of 2: every cart query and change should be scoped to the signed-in user.`,
    );
  },
});

export const cartStage = defineStage({
  id: 'cart',
  title: 'Cart',
  difficulty: 'beginner',
  needs: ['accounts'],
  topics: [
    TOPIC.crudOperations,
    TOPIC.inputValidation,
    TOPIC.variablesAndDataTypes,
    TOPIC.authenticationVsAuthorization,
    TOPIC.httpStatusCodes,
  ],
  checks: [cartSetAndRemove, cartTotalExact, cartQuantityValidated, cartUnknownProduct, cartPerUser],
});
