import type { FastifyPluginAsync } from 'fastify';
import type { AuthService } from './auth.service';
import { problems } from './errors';
import { parseId } from './ids';
import { toOrderResponse } from './orders.model';
import type { OrdersService } from './orders.service';

export interface OrderRoutesOptions {
  auth: AuthService;
  orders: OrdersService;
}

interface IdParams {
  id: string;
}

export const orderRoutes: FastifyPluginAsync<OrderRoutesOptions> = async (app, { auth, orders }) => {
  app.get('/orders', async (request) => {
    const user = await auth.authenticate(request.headers.authorization);
    return { items: (await orders.listOrders(user)).map(toOrderResponse) };
  });

  app.get<{ Params: IdParams }>('/orders/:id', async (request) => {
    const user = await auth.authenticate(request.headers.authorization);
    return toOrderResponse(await orders.getOrder(user, parseId(request.params.id, problems.orderNotFound)));
  });

  for (const action of ['cancel', 'ship', 'deliver'] as const) {
    app.post<{ Params: IdParams }>(`/orders/:id/${action}`, async (request) => {
      const user = await auth.authenticate(request.headers.authorization);
      const id = parseId(request.params.id, problems.orderNotFound);
      return toOrderResponse(await orders[action](user, id));
    });
  }
};
