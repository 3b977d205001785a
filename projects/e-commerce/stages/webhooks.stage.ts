import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  expectStatus,
  type Failure,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError } from '../../kit/checks/problem-body';
import {
  expectOrderStatus,
  failWith,
  isFailure,
  isSuccess,
  nowInSeconds,
  orderPath,
  type PlacedOrder,
  paymentEvent,
  placeOrder,
  readOrder,
  registerUser,
  type ShopUser,
  sendWebhook,
  setupFailure,
} from './shop-requests';
import { TOPIC } from './topics';

const STALE_SECONDS = 600;

/** A new customer with a new pending order. */
async function pendingOrder(ctx: CheckContext): Promise<{ user: ShopUser; order: PlacedOrder } | Failure> {
  const user = await registerUser(ctx);
  if (isFailure(user)) return user;
  const order = await placeOrder(ctx, user, { price: 1999, quantity: 2 });
  return isFailure(order) ? order : { user, order };
}

const webhookMarksPaid = defineCheck({
  id: 'webhook-marks-paid',
  title:
    'A correctly signed, current payment.succeeded for a pending order and its exact total answers 200, and the order is paid',
  topic: TOPIC.hashingAlgorithms,
  async run(ctx) {
    const setup = await pendingOrder(ctx);
    if (isFailure(setup)) return setup;
    const { user, order } = setup;
    const event = paymentEvent(ctx, order.id, order.total);
    const res = await sendWebhook(ctx, event);
    const failure = expectStatus(res, 200, {
      hint: `POST /webhooks/payments with ${describeJson(event)}, signed with the test secret and a current timestamp, should answer 200 {"received": true}, but it answered ${describeStatus(res.status)}: sign exactly the raw body bytes, as "<timestamp>.<raw body>".`,
    });
    if (failure) return failure;
    const read = await readOrder(ctx, user, order.id);
    if (isFailure(read)) return read;
    if (read.body.status === 'paid') return pass();
    return failWith(
      read.res,
      '"status": "paid"',
      `"status": ${describeJson(read.body.status)}`,
      `After a correctly signed payment.succeeded for order ${String(order.id)} with its exact total, ${order.total}, answered 200, GET ${orderPath(order.id)} should say "paid", but it says ${describeJson(read.body.status)}.`,
    );
  },
});

const webhookBadSignature = defineCheck({
  id: 'webhook-bad-signature',
  title: 'A payment event signed with another secret, or not signed, answers 400 and the order stays pending',
  topic: TOPIC.hashingAlgorithms,
  async run(ctx) {
    const setup = await pendingOrder(ctx);
    if (isFailure(setup)) return setup;
    const { user, order } = setup;
    const attempts = [
      { secret: 'whsec_not_the_right_one', what: 'signed with another secret' },
      { secret: null, what: 'with no Webhook-Signature header' },
    ];
    for (const { secret, what } of attempts) {
      const event = paymentEvent(ctx, order.id, order.total);
      const res = await sendWebhook(ctx, event, { secret });
      const failure = expectJsonError(res, {
        status: 400,
        request: `POST /webhooks/payments for order ${String(order.id)} ${what}`,
        rule: 'the signature does not prove the payment provider sent it',
        ...(isSuccess(res)
          ? { why: 'compute the HMAC of "<timestamp>.<raw body>" with the secret and compare it first' }
          : {}),
      });
      if (failure) return failure;
      const unchanged = await expectOrderStatus(
        ctx,
        user,
        order.id,
        'pending',
        res,
        `After a payment event ${what} was refused`,
        'a forged event must change nothing',
      );
      if (unchanged) return unchanged;
    }
    return pass();
  },
});

const webhookStaleTimestamp = defineCheck({
  id: 'webhook-stale-timestamp',
  title:
    'A correctly signed payment event with a timestamp 10 minutes old answers 400 and the order stays pending',
  topic: TOPIC.apiSecurity,
  async run(ctx) {
    const setup = await pendingOrder(ctx);
    if (isFailure(setup)) return setup;
    const { user, order } = setup;
    const timestamp = nowInSeconds() - STALE_SECONDS;
    const res = await sendWebhook(ctx, paymentEvent(ctx, order.id, order.total), { timestamp });
    const failure = expectJsonError(res, {
      status: 400,
      request: `POST /webhooks/payments for order ${String(order.id)}, correctly signed but with Webhook-Timestamp ${timestamp} (10 minutes ago)`,
      rule: 'more than 300 seconds from now',
      ...(isSuccess(res)
        ? { why: 'refuse timestamps more than 300 seconds from your clock, or a recorded call works forever' }
        : {}),
    });
    return (
      failure ??
      (await expectOrderStatus(
        ctx,
        user,
        order.id,
        'pending',
        res,
        'After a payment event 10 minutes old was refused',
        'a stale event must change nothing',
      )) ??
      pass()
    );
  },
});

const webhookDuplicateIgnored = defineCheck({
  id: 'webhook-duplicate-ignored',
  title:
    'An event id already processed, sent again naming another pending order, answers 200 and changes nothing',
  topic: TOPIC.messageQueues,
  async run(ctx) {
    const first = await pendingOrder(ctx);
    if (isFailure(first)) return first;
    const second = await placeOrder(ctx, first.user, { price: 2999, quantity: 1 });
    if (isFailure(second)) return second;
    const event = paymentEvent(ctx, first.order.id, first.order.total);
    const paid = await sendWebhook(ctx, event);
    if (!isSuccess(paid)) return setupFailure(paid, 'a signed payment.succeeded to pay a first order');
    const firstRead = await readOrder(ctx, first.user, first.order.id);
    if (isFailure(firstRead)) return firstRead;
    if (firstRead.body.status !== 'paid') {
      return failWith(
        firstRead.res,
        `order ${String(first.order.id)} paid by event ${event.id}`,
        `"status": ${describeJson(firstRead.body.status)}`,
        `The grader needs event ${event.id}, correctly signed for order ${String(first.order.id)} and its exact total, to pay that order before sending the event again, but the order is still ${describeJson(firstRead.body.status)}.`,
      );
    }
    const replay = { ...event, data: { orderId: second.id, amount: second.total } };
    const res = await sendWebhook(ctx, replay);
    const failure = expectStatus(res, 200, {
      hint: `POST /webhooks/payments with event id ${event.id}, already processed, should answer 200 {"received": true} and do nothing else (the provider sends events again when unsure), but it answered ${describeStatus(res.status)}.`,
    });
    return (
      failure ??
      (await expectOrderStatus(
        ctx,
        first.user,
        second.id,
        'pending',
        res,
        `After event ${event.id} paid order ${String(first.order.id)}, the same event id came again naming order ${String(second.id)}`,
        'record each processed event id (UNIQUE) and ignore any event whose id is already there',
      )) ??
      pass()
    );
  },
});

export const webhooksStage = defineStage({
  id: 'webhooks',
  title: 'Payment webhooks',
  difficulty: 'intermediate',
  needs: ['checkout'],
  topics: [TOPIC.hashingAlgorithms, TOPIC.apiSecurity, TOPIC.messageQueues, TOPIC.transactionsAndAcid],
  checks: [webhookMarksPaid, webhookBadSignature, webhookStaleTimestamp, webhookDuplicateIgnored],
});
