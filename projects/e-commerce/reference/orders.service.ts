import type { FaultId } from '../faults';
import type { Database } from './database';
import { problems } from './errors';
import { ORDER_STATUSES, type Order, type OrderAction, type OrderStatus, TRANSITIONS } from './orders.model';
import { createOrdersRepository } from './orders.repository';
import { createProductsRepository } from './products.repository';
import type { User } from './users.repository';

// how a refusal names each action: "An order that is pending cannot be shipped."
const PAST_TENSE: Record<OrderAction, string> = {
  pay: 'paid',
  ship: 'shipped',
  deliver: 'delivered',
  cancel: 'cancelled',
};

export type OrdersService = ReturnType<typeof createOrdersService>;

export function createOrdersService(db: Database, fault?: FaultId) {
  const orders = createOrdersRepository(db);

  /** The owner and admins see an order; to anyone else it does not exist (404, not 403: ids are not hints). */
  function canSee(user: User, order: Order): boolean {
    return fault === 'orders-any-user' || order.userId === user.id || user.role === 'admin';
  }

  /**
   * Moves the order along TRANSITIONS inside one transaction, its row locked from the read to the write, so
   * a webhook and a cancel at the same moment cannot both win. A cancel puts the items back in stock.
   */
  async function transition(user: User, id: number, action: OrderAction): Promise<Order> {
    // ship and deliver are the warehouse's: a customer is refused before any order is looked up
    const isFulfilment = action === 'ship' || action === 'deliver';
    if (isFulfilment && user.role !== 'admin' && fault !== 'customers-can-ship') throw problems.adminsOnly();
    return db.transaction(async (tx) => {
      const locked = createOrdersRepository(tx);
      const order = await locked.lockOrder(id);
      if (order === undefined || !canSee(user, order)) throw problems.orderNotFound();
      const { from, to } = TRANSITIONS[action];
      const allowed: readonly OrderStatus[] = fault === 'transitions-unchecked' ? ORDER_STATUSES : from;
      if (!allowed.includes(order.status)) throw problems.transitionRefused(order.status, PAST_TENSE[action]);
      if (fault === 'ship-not-saved' && action === 'ship') return { ...order, status: to };
      await locked.setStatus(order.id, to);
      if (action === 'cancel' && fault !== 'cancel-keeps-stock') {
        await createProductsRepository(tx, fault).returnStock(order.id);
      }
      return { ...order, status: to };
    });
  }

  return {
    listOrders: (user: User): Promise<Order[]> => orders.listOrders(user.id),

    async getOrder(user: User, id: number): Promise<Order> {
      const order = await orders.findOrder(id);
      if (order === undefined || !canSee(user, order)) throw problems.orderNotFound();
      return order;
    },

    cancel: (user: User, id: number) => transition(user, id, 'cancel'),
    ship: (user: User, id: number) => transition(user, id, 'ship'),
    deliver: (user: User, id: number) => transition(user, id, 'deliver'),
  };
}
