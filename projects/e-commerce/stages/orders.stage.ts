import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  expectJson,
  expectStatus,
  type Failure,
  type HttpResponse,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError } from '../../kit/checks/problem-body';
import {
  adminFor,
  as,
  expectOrderStatus,
  failWith,
  type Id,
  isFailure,
  isSuccess,
  orderPath,
  type PlacedOrder,
  payOrder,
  placeOrder,
  productPath,
  readProduct,
  registerUser,
  type ShopUser,
  setupFailure,
} from './shop-requests';
import { TOPIC } from './topics';

type Action = 'ship' | 'deliver' | 'cancel';

function act(ctx: CheckContext, user: ShopUser, id: Id, action: Action): Promise<HttpResponse> {
  return ctx.http.post(`${orderPath(id)}/${action}`, as(user));
}

/** A new order of `user`'s in `status`: paid with a signed webhook, then shipped by the admin, as needed. */
async function orderIn(
  ctx: CheckContext,
  user: ShopUser,
  status: 'pending' | 'paid' | 'shipped',
): Promise<PlacedOrder | Failure> {
  const order = await placeOrder(ctx, user, { price: 1500, quantity: 1 });
  if (isFailure(order) || status === 'pending') return order;
  const paid = await payOrder(ctx, user, order);
  if (paid) return paid;
  if (status === 'paid') return order;
  const admin = await adminFor(ctx);
  if (isFailure(admin)) return admin;
  const shipped = await act(ctx, admin, order.id, 'ship');
  return isSuccess(shipped) ? order : setupFailure(shipped, 'an admin to ship a paid order');
}

const orderLifecycle = defineCheck({
  id: 'order-lifecycle',
  title:
    'An admin ships a paid order, then delivers it: each answers 200 with the new status, and GET shows it',
  topic: TOPIC.restApis,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const order = await orderIn(ctx, user, 'paid');
    if (isFailure(order)) return order;
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const steps = [
      { action: 'ship', from: 'paid', to: 'shipped' },
      { action: 'deliver', from: 'shipped', to: 'delivered' },
    ] as const;
    for (const { action, from, to } of steps) {
      const res = await act(ctx, admin, order.id, action);
      const path = `${orderPath(order.id)}/${action}`;
      const failure =
        expectStatus(res, 200, {
          hint: `POST ${path} by an admin on a ${from} order should answer 200 with the order, now "${to}", but it answered ${describeStatus(res.status)}.`,
        }) ??
        expectJson(res, { status: to }) ??
        (await expectOrderStatus(ctx, user, order.id, to, res, `After POST ${path} answered 200 "${to}"`));
      if (failure) return failure;
    }
    return pass();
  },
});

const invalidTransitionRefused = defineCheck({
  id: 'invalid-transition-refused',
  title:
    'Shipping a pending order, delivering a paid one and cancelling a shipped one each answer 409 and change nothing',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const moves = [
      { status: 'pending', action: 'ship', by: admin, who: 'an admin' },
      { status: 'paid', action: 'deliver', by: admin, who: 'an admin' },
      { status: 'shipped', action: 'cancel', by: user, who: 'its owner' },
    ] as const;
    for (const { status, action, by, who } of moves) {
      const order = await orderIn(ctx, user, status);
      if (isFailure(order)) return order;
      const res = await act(ctx, by, order.id, action);
      const request = `POST ${orderPath(order.id)}/${action} by ${who} on a ${status} order`;
      const failure =
        expectJsonError(res, {
          status: 409,
          request,
          rule: `a ${status} order cannot be ${action === 'ship' ? 'shipped' : action === 'deliver' ? 'delivered' : 'cancelled'}`,
          ...(isSuccess(res)
            ? {
                why: 'make the move one conditional UPDATE … WHERE status = <the one status it may come from>',
              }
            : {}),
        }) ?? (await expectOrderStatus(ctx, user, order.id, status, res, `After ${request} was refused`));
      if (failure) return failure;
    }
    return pass();
  },
});

const cancelRestocks = defineCheck({
  id: 'cancel-restocks',
  title:
    "The owner cancelling a pending order gets 200 with status cancelled, and the order's stock goes back",
  topic: TOPIC.transactionsAndAcid,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const order = await placeOrder(ctx, user, { price: 800, stock: 10, quantity: 3 });
    if (isFailure(order)) return order;
    const { id } = order;
    const product = { id: order.productId };
    const before = await readProduct(ctx, product.id);
    if (isFailure(before)) return before;
    const res = await act(ctx, user, id, 'cancel');
    const path = `${orderPath(id)}/cancel`;
    const failure =
      expectStatus(res, 200, {
        hint: `POST ${path} by the owner of a pending order should answer 200 with the order, now "cancelled", but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectJson(res, { status: 'cancelled' }) ??
      (await expectOrderStatus(
        ctx,
        user,
        id,
        'cancelled',
        res,
        `After POST ${path} answered 200 "cancelled"`,
      ));
    if (failure) return failure;
    const after = await readProduct(ctx, product.id);
    if (isFailure(after)) return after;
    // judged from the stock the checkout left, so a checkout that took none is the inventory stage's failure
    const { stock } = before.body;
    const expected = typeof stock === 'number' ? stock + 3 : undefined;
    if (expected !== undefined && after.body.stock === expected) return pass();
    return failWith(
      after.res,
      `"stock": ${String(expected)} (3 more than before the cancel)`,
      `"stock": ${describeJson(after.body.stock)}`,
      `After cancelling an order of 3, GET ${productPath(product.id)} should show the 3 back on sale (${describeJson(stock)} + 3), but it says ${describeJson(after.body.stock)}: add each line's quantity back to its product in the cancel's transaction.`,
    );
  },
});

const customerCannotShip = defineCheck({
  id: 'customer-cannot-ship',
  title: "A customer's POST ship or deliver on their own order answers 403, and the status stays as it was",
  topic: TOPIC.roleBasedAccessControl,
  async run(ctx) {
    const user = await registerUser(ctx);
    if (isFailure(user)) return user;
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const order = await orderIn(ctx, user, 'paid');
    if (isFailure(order)) return order;
    // each move tried by the owner where an admin's would be allowed, so only the role can refuse it
    for (const { action, status } of [
      { action: 'ship', status: 'paid' },
      { action: 'deliver', status: 'shipped' },
    ] as const) {
      if (action === 'deliver') {
        const shipped = await act(ctx, admin, order.id, 'ship');
        if (!isSuccess(shipped)) return setupFailure(shipped, 'an admin to ship a paid order');
      }
      const res = await act(ctx, user, order.id, action);
      const request = `POST ${orderPath(order.id)}/${action} by the customer who owns the ${status} order`;
      const failure =
        expectJsonError(res, {
          status: 403,
          request,
          rule: `only admins ${action} orders`,
          why: "check the caller's role before the order's status",
        }) ?? (await expectOrderStatus(ctx, user, order.id, status, res, `After ${request} was refused`));
      if (failure) return failure;
    }
    return pass();
  },
});

export const ordersStage = defineStage({
  id: 'orders',
  title: 'Order lifecycle',
  difficulty: 'intermediate',
  needs: ['webhooks'],
  topics: [TOPIC.restApis, TOPIC.httpStatusCodes, TOPIC.transactionsAndAcid, TOPIC.roleBasedAccessControl],
  checks: [orderLifecycle, invalidTransitionRefused, cancelRestocks, customerCannotShip],
});
