import type { ReferenceOptions, RunningReference } from '../../kit/project';
import { openReferenceDatabase } from '../../kit/reference/database';
import { listenReference } from '../../kit/reference/listen';
import { FAULTS, isFaultId } from '../faults';
import { buildApp } from './app';
import { createAuthService } from './auth.service';
import { createCartRepository } from './cart.repository';
import { createCartService } from './cart.service';
import { createCheckoutService } from './checkout.service';
import { loadConfig, type ShopConfig } from './config';
import { createOrdersService } from './orders.service';
import { createPaymentsService } from './payments.service';
import { createProductsRepository } from './products.repository';
import { createProductsService } from './products.service';
import { createUsersRepository } from './users.repository';

export interface ShopReferenceOptions extends ReferenceOptions {
  /** Defaults to the environment's (SHOP_TEST_MODE, PAYMENT_WEBHOOK_SECRET): test mode, the test secret. */
  config?: Readonly<ShopConfig> | undefined;
}

/**
 * Starts the reference shop on 127.0.0.1 (a free port unless `port` is given), in test mode, optionally
 * with one of the faults from ../faults.ts switched on.
 *
 * @example
 *   const reference = await startReference({ fault: 'read-then-write-stock' });
 *   await fetch(`${reference.url}/health`);
 *   await reference.close();
 */
export async function startReference(options: ShopReferenceOptions = {}): Promise<RunningReference> {
  const { port = 0, host = '127.0.0.1', fault, dataDir, logger } = options;
  if (fault !== undefined && !isFaultId(fault)) {
    throw new Error(`Unknown e-commerce fault "${fault}". Known: ${FAULTS.map((f) => f.id).join(', ')}.`);
  }
  const config = options.config ?? loadConfig(process.env);
  const db = await openReferenceDatabase({ slug: 'e-commerce', dataDir });
  const users = createUsersRepository(db);
  const app = buildApp({
    auth: createAuthService(users, fault),
    products: createProductsService(createProductsRepository(db, fault), fault),
    carts: createCartService(createCartRepository(db, fault), fault),
    checkout: createCheckoutService(db, fault),
    orders: createOrdersService(db, fault),
    payments: createPaymentsService(db, config.webhookSecret, fault),
    checkDatabase: users.ping,
    isTestMode: config.isTestMode,
    fault,
    logger,
  });
  return listenReference(app, { port, host }, () => db.close());
}
