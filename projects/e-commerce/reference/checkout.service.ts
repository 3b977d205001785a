import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultId } from '../faults';
import { type CartEntry, createCartRepository } from './cart.repository';
import type { Database, SqlClient } from './database';
import { problems } from './errors';
import type { CheckoutBodyWithTotal } from './faulty-schemas';
import { createIdempotencyRepository, type KeyRecord, type StoredAnswer } from './idempotency.repository';
import { type OrderItem, toOrderResponse } from './orders.model';
import { createOrdersRepository } from './orders.repository';
import { createProductsRepository, type PricedProduct, type ProductsRepository } from './products.repository';

export interface CheckoutRequest {
  userId: number;
  /** The Idempotency-Key header; undefined only with the key-optional fault. */
  key: string | undefined;
  /** The body as sent, to tell a true repeat from another request under the same key. */
  body: unknown;
  input: CheckoutBodyWithTotal;
}

/** What read-then-write-stock read before its write: each product's stock, name and price. */
type StockRead = ReadonlyMap<number, PricedProduct & { stock: number }>;

// what the racing faults wait between their read and their write: embedded PGlite answers within the same
// tick, while a networked database takes a round trip, and other requests run meanwhile
const NETWORK_ROUND_TRIP_MS = 1;
// what key-checked-after-insert spends between looking the key up and storing it: a checkout that calls
// a payment or tax service first holds the gap open for tens of milliseconds, so repeats sent together
// all find no key
const CHECKOUT_WORK_MS = 50;

export type CheckoutService = ReturnType<typeof createCheckoutService>;

/**
 * Turns a cart into an order, once per Idempotency-Key. One transaction claims the key, takes the stock,
 * writes the order, empties the cart and keeps the answer: all of it happens, or none of it does.
 */
export function createCheckoutService(db: Database, fault?: FaultId) {
  /** The stored answer of a key used before: replayed as it was, unless the body differs. */
  function replay(record: KeyRecord | undefined, requestHash: string): StoredAnswer {
    if (record !== undefined && record.requestHash !== requestHash && fault !== 'key-body-unchecked') {
      throw problems.idempotencyKeyReused();
    }
    if (record?.answer === undefined) throw problems.idempotencyKeyInProgress();
    return record.answer;
  }

  /** Takes the stock of each line, writes the order and empties the cart, inside the caller's transaction. */
  async function placeOrder(
    tx: SqlClient,
    { userId, input }: CheckoutRequest,
    entries: readonly CartEntry[],
    stockRead?: StockRead,
  ): Promise<StoredAnswer> {
    if (entries.length === 0 && fault !== 'empty-cart-order') throw problems.cartEmpty();
    const products = createProductsRepository(tx, fault);
    const bought = new Map<number, PricedProduct>();
    // in product id order, so two checkouts sharing products lock them in the same order and never deadlock
    for (const { productId, quantity } of [...entries].sort((a, b) => a.productId - b.productId)) {
      const product = await takeStock(products, productId, quantity, stockRead);
      if (product === undefined) throw problems.outOfStock(productId);
      bought.set(productId, product);
    }
    const items: OrderItem[] = entries.map(({ productId, quantity }) => {
      const { name, price } = bought.get(productId) as PricedProduct;
      return { productId, name, quantity, unitPrice: price, lineTotal: price * quantity };
    });
    const total =
      fault === 'total-from-client' && input.total !== undefined
        ? input.total
        : items.reduce((sum, item) => sum + item.lineTotal, 0);
    const order = await createOrdersRepository(tx).insertOrder({
      userId,
      shippingAddress: input.shippingAddress,
      items,
      total,
    });
    if (fault !== 'checkout-cart-kept') await createCartRepository(tx, fault).clear(userId);
    return { status: 201, body: toOrderResponse(order) };
  }

  /** Takes `quantity` of the product out of stock; undefined when there is not that much. */
  async function takeStock(
    products: ProductsRepository,
    productId: number,
    quantity: number,
    stockRead: StockRead | undefined,
  ): Promise<PricedProduct | undefined> {
    const read = stockRead?.get(productId);
    if (read !== undefined) {
      // read-then-write-stock: what was read a moment ago, minus the quantity, whatever was sold since
      await products.writeStock(productId, read.stock - quantity);
      return read;
    }
    if (fault === 'stock-not-decremented') return enoughStock(products.readStock(productId), quantity);
    return products.takeStock(productId, quantity);
  }

  /** The read-then-write-stock fault's read: the stock, checked, with nothing locked, well before the write. */
  async function readStockApart(userId: number): Promise<StockRead> {
    const products = createProductsRepository(db, fault);
    const stock = new Map<number, PricedProduct & { stock: number }>();
    for (const { productId, quantity } of await createCartRepository(db, fault).listLines(userId)) {
      const read = await enoughStock(products.readStock(productId), quantity);
      if (read === undefined) throw problems.outOfStock(productId);
      stock.set(productId, read);
    }
    await sleep(NETWORK_ROUND_TRIP_MS);
    return stock;
  }

  /** The key-checked-after-insert fault: look the key up, place the order, and only then store the key. */
  async function checkoutStoringKeyLast(request: CheckoutRequest, key: string, requestHash: string) {
    const keys = createIdempotencyRepository(db);
    const record = await keys.find(request.userId, key);
    if (record !== undefined) return replay(record, requestHash);
    const entries = await createCartRepository(db, fault).listLines(request.userId);
    await sleep(CHECKOUT_WORK_MS);
    const answer = await db.transaction((tx) => placeOrder(tx, request, entries));
    await keys.insertAnswered(request.userId, key, requestHash, answer);
    return answer;
  }

  return {
    async checkout(request: CheckoutRequest): Promise<StoredAnswer> {
      const { userId, key } = request;
      // only key-optional lets a checkout through without a key
      if (key === undefined) {
        return db.transaction(async (tx) =>
          placeOrder(tx, request, await createCartRepository(tx, fault).lockEntries(userId)),
        );
      }
      const requestHash = fingerprint(request.body);
      if (fault === 'key-checked-after-insert') return checkoutStoringKeyLast(request, key, requestHash);
      const stockRead = fault === 'read-then-write-stock' ? await readStockApart(userId) : undefined;
      return db.transaction(async (tx) => {
        const keys = createIdempotencyRepository(tx);
        const isClaimed = await keys.claim(userId, key, requestHash);
        if (!isClaimed && fault !== 'replay-new-order')
          return replay(await keys.find(userId, key), requestHash);
        const entries = await createCartRepository(tx, fault).lockEntries(userId);
        const answer = await placeOrder(tx, request, entries, stockRead);
        await keys.saveAnswer(userId, key, answer);
        return answer;
      });
    },
  };
}

/** The product if it has `quantity` in stock; what stock-not-decremented checks instead of taking. */
async function enoughStock<T extends { stock: number }>(
  read: Promise<T | undefined>,
  quantity: number,
): Promise<T | undefined> {
  const product = await read;
  return product !== undefined && product.stock >= quantity ? product : undefined;
}

/** The same JSON value gives the same hash, whatever the order of its keys or its spacing. */
function fingerprint(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null, (_key, value: unknown) => sortKeys(value)))
    .digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  // keys are unique, so two never compare equal
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}
