import type { ProjectFault } from '../kit/project';

/**
 * Bugs that `startReference({ fault })` switches on in the reference solution. Each one is a mistake learners
 * really make; the check named here must fail on it, and no other stage may fail.
 * In the reference code each fault is one branch, found by searching for its id.
 */
export const FAULTS = [
  {
    id: 'health-not-json',
    stage: 'health',
    check: 'health-ok',
    description: 'GET /health answers 200 with the text "OK" as text/plain instead of a JSON object.',
  },
  {
    id: 'register-no-token',
    stage: 'accounts',
    check: 'register-returns-token',
    description: 'POST /auth/register answers the new user without a token, so the client must log in again.',
  },
  {
    id: 'login-no-token',
    stage: 'accounts',
    check: 'login-returns-token',
    description: 'POST /auth/login checks the password, then answers the user without a token.',
  },
  {
    id: 'login-ignores-password',
    stage: 'accounts',
    check: 'login-rejects-bad-password',
    description: 'POST /auth/login looks the email up and never compares the password with its hash.',
  },
  {
    id: 'promote-ignored',
    stage: 'accounts',
    check: 'admin-manages-products',
    description:
      'POST /test/promote answers 204 but never changes the role, so no one ever becomes an admin.',
  },
  {
    id: 'products-open-to-customers',
    stage: 'accounts',
    check: 'customer-cannot-manage-products',
    description:
      'POST and PATCH /products check that the caller is signed in, not that they are an admin: any customer can change prices.',
  },
  {
    id: 'cursor-offset-skips',
    stage: 'catalogue',
    check: 'products-cursor-pages',
    description:
      'The cursor is an OFFSET one past where the page ended, so the first product of every next page is skipped.',
  },
  {
    id: 'search-name-only',
    stage: 'catalogue',
    check: 'products-search',
    description: 'q is matched against product names only, never descriptions.',
  },
  {
    id: 'price-filter-exclusive',
    stage: 'catalogue',
    check: 'products-filters',
    description:
      'minPrice and maxPrice are compared with > and <, so products priced exactly at a bound are left out.',
  },
  {
    id: 'price-as-float',
    stage: 'catalogue',
    check: 'prices-exact',
    description:
      'The catalogue reads each price as euros in a double (price / 100.0) and turns it back into cents with × 100 and no rounding: 1999 comes back as 1998.9999999999998.',
  },
  {
    id: 'product-price-unvalidated',
    stage: 'catalogue',
    check: 'product-validation',
    description:
      'price is only checked to be a number: 19.99 and -1 reach the database, whose integer column and CHECK (price >= 0) refuse them with a 500 instead of a 422 naming price.',
  },
  {
    id: 'product-missing-500',
    stage: 'catalogue',
    check: 'product-not-found',
    description:
      'GET /products/:id reads a property of the row the query did not find: an unknown id is a 500.',
  },
  {
    id: 'cart-put-adds',
    stage: 'cart',
    check: 'cart-set-and-remove',
    description:
      'PUT /cart/items/:productId adds the quantity to the line instead of setting it: 2 then 3 makes 5.',
  },
  {
    id: 'cart-float-sum',
    stage: 'cart',
    check: 'cart-total-exact',
    description:
      'The cart adds its prices up in euros as floating point and multiplies by 100 at the end: 10¢ + 20¢ totals 30.000000000000004.',
  },
  {
    id: 'cart-quantity-upper-unchecked',
    stage: 'cart',
    check: 'cart-quantity-validated',
    description:
      'quantity is only checked to be a number of at least 1: 100 goes into the cart, and 2.5 reaches the integer column (a 500).',
  },
  {
    id: 'cart-unknown-product-accepted',
    stage: 'cart',
    check: 'cart-unknown-product',
    description:
      'PUT /cart/items/:productId inserts the line with INSERT … SELECT from products and never checks a row was inserted: an unknown product answers 200.',
  },
  {
    id: 'cart-shared',
    stage: 'cart',
    check: 'cart-per-user',
    description:
      "DELETE /cart/items/:productId deletes by product alone, removing that product from everyone's cart.",
  },
  {
    id: 'checkout-cart-kept',
    stage: 'checkout',
    check: 'checkout-creates-order',
    description: 'Checkout creates the order but never empties the cart.',
  },
  {
    id: 'key-optional',
    stage: 'checkout',
    check: 'checkout-requires-key',
    description:
      'A checkout without an Idempotency-Key header is carried out, with no protection against a retry.',
  },
  {
    id: 'empty-cart-order',
    stage: 'checkout',
    check: 'checkout-empty-cart',
    description: 'Checking out an empty cart creates an order with no items and a total of 0.',
  },
  {
    id: 'key-checked-after-insert',
    stage: 'checkout',
    check: 'idempotency-concurrent',
    description:
      'The Idempotency-Key is looked up, the order inserted, and only then the key stored: concurrent repeats all find no key, and each makes an order.',
  },
  {
    id: 'replay-new-order',
    stage: 'checkout',
    check: 'idempotent-replay',
    description:
      'A repeated Idempotency-Key is never looked up: the checkout runs again, answering 409 now that the cart is empty (or making a second order).',
  },
  {
    id: 'key-body-unchecked',
    stage: 'checkout',
    check: 'idempotency-key-mismatch',
    description:
      'A repeated Idempotency-Key replays the first answer even when the body is different, instead of refusing with 422.',
  },
  {
    id: 'read-then-write-stock',
    stage: 'inventory',
    check: 'no-oversell',
    description:
      'Checkout reads the stock, checks it is enough, and later writes stock − quantity: checkouts at the same moment all read 10, and more are sold than there are.',
  },
  {
    id: 'stock-not-decremented',
    stage: 'inventory',
    check: 'stock-follows-orders',
    description: 'Checkout checks that there is enough stock but never takes the quantity out of it.',
  },
  {
    id: 'webhook-ignored',
    stage: 'webhooks',
    check: 'webhook-marks-paid',
    description:
      'POST /webhooks/payments verifies and records the event, answers 200, and never marks the order paid.',
  },
  {
    id: 'signature-unchecked',
    stage: 'webhooks',
    check: 'webhook-bad-signature',
    description:
      'The Webhook-Signature header is never verified: anyone can send "payment.succeeded" and get an order paid.',
  },
  {
    id: 'timestamp-unchecked',
    stage: 'webhooks',
    check: 'webhook-stale-timestamp',
    description:
      'Webhook-Timestamp is signed but never compared with the clock, so a captured event can be replayed days later.',
  },
  {
    id: 'event-id-not-deduplicated',
    stage: 'webhooks',
    check: 'webhook-duplicate-ignored',
    description: 'Event ids are recorded but never looked up: an event delivered twice is processed twice.',
  },
  {
    id: 'ship-not-saved',
    stage: 'orders',
    check: 'order-lifecycle',
    description:
      'POST /orders/:id/ship answers the order as "shipped" without saving it: GET still says "paid".',
  },
  {
    id: 'transitions-unchecked',
    stage: 'orders',
    check: 'invalid-transition-refused',
    description:
      'Order actions set the new status from any status: a pending order can be shipped, a shipped one cancelled.',
  },
  {
    id: 'cancel-keeps-stock',
    stage: 'orders',
    check: 'cancel-restocks',
    description: 'Cancelling an order never puts its items back in stock.',
  },
  {
    id: 'customers-can-ship',
    stage: 'orders',
    check: 'customer-cannot-ship',
    description:
      "Ship and deliver use cancel's rule (the owner or an admin), so a customer can mark their own order shipped.",
  },
  {
    id: 'orders-any-user',
    stage: 'security',
    check: 'orders-owner-only',
    description:
      "GET /orders/:id and POST /orders/:id/cancel find the order by id alone: anyone signed in can read or cancel anyone's order.",
  },
  {
    id: 'total-from-client',
    stage: 'security',
    check: 'checkout-ignores-client-prices',
    description: 'Checkout trusts a "total" in the request body over the catalogue: a client can pay 1 cent.',
  },
  {
    id: 'negative-quantity-accepted',
    stage: 'security',
    check: 'negative-quantity-refused',
    description:
      'The quantity rule checks Math.abs(quantity), so -1 passes validation and reaches the database (a 500) instead of being refused with a 422 naming quantity.',
  },
  {
    id: 'search-concatenated-sql',
    stage: 'security',
    check: 'search-injection-safe',
    description:
      "q is pasted into the SQL between quotes instead of sent as a parameter: q=' OR '1'='1 lists the whole catalogue.",
  },
  {
    id: 'catalogue-scan-per-request',
    stage: 'performance',
    check: 'catalogue-under-load',
    description:
      'Every GET /products and GET /products/:id first pays for a scan of the whole products table (0.1 ms a product, spent waiting): at 5,000 products each answer takes half a second, whatever the page.',
  },
] as const satisfies readonly ProjectFault[];

export type FaultId = (typeof FAULTS)[number]['id'];

export function isFaultId(value: string): value is FaultId {
  return FAULTS.some((fault) => fault.id === value);
}
