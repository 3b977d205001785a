import type { FastifyPluginAsync } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import type { CartService } from './cart.service';
import { problems } from './errors';
import { parseId, toId } from './ids';
import { parseCartItem } from './validation';

export interface CartRoutesOptions {
  auth: AuthService;
  carts: CartService;
  fault?: FaultId | undefined;
}

interface ProductParams {
  productId: string;
}

export const cartRoutes: FastifyPluginAsync<CartRoutesOptions> = async (app, { auth, carts, fault }) => {
  app.get('/cart', async (request) => {
    const user = await auth.authenticate(request.headers.authorization);
    return carts.getCart(user.id);
  });

  app.put<{ Params: ProductParams }>('/cart/items/:productId', async (request) => {
    const user = await auth.authenticate(request.headers.authorization);
    const productId = parseId(request.params.productId, problems.productNotFound);
    const { quantity } = parseCartItem(request.body, fault);
    return carts.setQuantity(user.id, productId, quantity);
  });

  app.delete<{ Params: ProductParams }>('/cart/items/:productId', async (request) => {
    const user = await auth.authenticate(request.headers.authorization);
    const productId = toId(request.params.productId);
    // an id that names no product names no cart line either: there is nothing to remove
    if (productId === undefined) return carts.getCart(user.id);
    return carts.removeProduct(user.id, productId);
  });
};
