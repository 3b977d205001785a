import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { healthRoutes } from '../../kit/reference/health.routes';
import { ProblemError, toClientProblem, toProblem } from '../../kit/reference/problem';
import type { FaultId } from '../faults';
import { authRoutes } from './auth.routes';
import type { AuthService } from './auth.service';
import { cartRoutes } from './cart.routes';
import type { CartService } from './cart.service';
import { checkoutRoutes } from './checkout.routes';
import type { CheckoutService } from './checkout.service';
import { problems } from './errors';
import { orderRoutes } from './orders.routes';
import type { OrdersService } from './orders.service';
import type { PaymentsService } from './payments.service';
import { productRoutes } from './products.routes';
import type { ProductsService } from './products.service';
import { webhookRoutes } from './webhooks.routes';

// a product is a few kilobytes at most (a 2,000-character description); anything near this is not one
const MAX_BODY_BYTES = 32 * 1024;

export interface AppDependencies {
  auth: AuthService;
  products: ProductsService;
  carts: CartService;
  checkout: CheckoutService;
  orders: OrdersService;
  payments: PaymentsService;
  checkDatabase: () => Promise<void>;
  isTestMode: boolean;
  fault?: FaultId | undefined;
  logger?: boolean | undefined;
}

/** The HTTP layer: security headers, routes, and one error handler that answers problem+json. */
export function buildApp({
  auth,
  products,
  carts,
  checkout,
  orders,
  payments,
  checkDatabase,
  isTestMode,
  fault,
  logger = false,
}: AppDependencies): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: MAX_BODY_BYTES });

  app.addHook('onSend', async (_request, reply, payload) => {
    // stops browsers from guessing a type and running a JSON body as HTML
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });

  // a client sees its own mistakes in detail; our bugs are logged whole and answered with a plain 500
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toClientProblem(error);
    if (problem === undefined) request.log.error(error);
    const body = toProblem(problem ?? new ProblemError(500, 'Something went wrong on our side.'));
    if (problem !== undefined) reply.headers(problem.headers);
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((_request, reply) => {
    const body = toProblem(problems.routeNotFound());
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.register(healthRoutes, { checkDatabase, isPlainText: fault === 'health-not-json' });
  app.register(authRoutes, { auth, isTestMode, fault });
  app.register(productRoutes, { auth, products, fault });
  app.register(cartRoutes, { auth, carts, fault });
  app.register(checkoutRoutes, { auth, checkout, fault });
  app.register(orderRoutes, { auth, orders });
  app.register(webhookRoutes, { payments });
  return app;
}
