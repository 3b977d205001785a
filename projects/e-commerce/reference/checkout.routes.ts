import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import type { CheckoutService } from './checkout.service';
import { problems } from './errors';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './schemas';
import { parseCheckout } from './validation';

export interface CheckoutRoutesOptions {
  auth: AuthService;
  checkout: CheckoutService;
  fault?: FaultId | undefined;
}

export const checkoutRoutes: FastifyPluginAsync<CheckoutRoutesOptions> = async (
  app,
  { auth, checkout, fault },
) => {
  app.post('/checkout', async (request, reply) => {
    const user = await auth.authenticate(request.headers.authorization);
    const key = parseIdempotencyKey(request.headers['idempotency-key'], fault);
    const input = parseCheckout(request.body, fault);
    const answer = await checkout.checkout({ userId: user.id, key, body: request.body, input });
    reply.code(answer.status).header('location', `/orders/${answer.body.id}`);
    return answer.body;
  });
};

/** The Idempotency-Key header: required, 1 to 255 characters (a UUID is the usual choice). */
function parseIdempotencyKey(header: string | string[] | undefined, fault?: FaultId): string | undefined {
  if (header === undefined && fault === 'key-optional') return undefined;
  const key = Array.isArray(header) ? header.join(', ') : header;
  if (key === undefined || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw problems.idempotencyKeyRequired();
  }
  return key;
}
