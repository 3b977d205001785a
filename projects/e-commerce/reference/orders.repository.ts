import type { SqlClient } from './database';
import type { Order, OrderItem, OrderStatus } from './orders.model';

export interface NewOrder {
  userId: number;
  shippingAddress: string;
  items: readonly OrderItem[];
  total: number;
}

type OrderRow = Omit<Order, 'items'>;
type ItemRow = OrderItem & { orderId: number };

const ORDER_COLUMNS = `id::integer AS id, user_id::integer AS "userId", status, total,
  shipping_address AS "shippingAddress", created_at AS "createdAt"`;

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;

export function createOrdersRepository(db: SqlClient) {
  /** The orders with their items, in the order given. */
  async function withItems(orders: readonly OrderRow[]): Promise<Order[]> {
    if (orders.length === 0) return [];
    const { rows } = await db.query<ItemRow>(
      `SELECT order_id::integer AS "orderId", product_id::integer AS "productId", name, quantity,
         unit_price AS "unitPrice", unit_price * quantity AS "lineTotal"
       FROM order_items WHERE order_id = ANY($1::bigint[]) ORDER BY order_id, position`,
      [orders.map((order) => order.id)],
    );
    return orders.map((order) => ({
      ...order,
      items: rows.filter((item) => item.orderId === order.id).map(({ orderId: _orderId, ...item }) => item),
    }));
  }

  return {
    /** Stores a pending order and its lines; call it inside the checkout's transaction. */
    async insertOrder(order: NewOrder): Promise<Order> {
      const { rows } = await db.query<OrderRow>(
        `INSERT INTO orders (user_id, total, shipping_address) VALUES ($1, $2, $3) RETURNING ${ORDER_COLUMNS}`,
        [order.userId, order.total, order.shippingAddress],
      );
      const stored = rows[0] as OrderRow;
      await db.query(
        `INSERT INTO order_items (order_id, position, product_id, name, quantity, unit_price)
         SELECT $1, line.position, line.product_id, line.name, line.quantity, line.unit_price
         FROM unnest($2::bigint[], $3::text[], $4::integer[], $5::integer[])
           WITH ORDINALITY AS line (product_id, name, quantity, unit_price, position)`,
        [
          stored.id,
          order.items.map((item) => item.productId),
          order.items.map((item) => item.name),
          order.items.map((item) => item.quantity),
          order.items.map((item) => item.unitPrice),
        ],
      );
      return { ...stored, items: [...order.items] };
    },

    async findOrder(id: number): Promise<Order | undefined> {
      const { rows } = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [id]);
      const [order] = await withItems(rows);
      return order;
    },

    /** The order, its row locked until the transaction ends: its status cannot change under us. */
    async lockOrder(id: number): Promise<Order | undefined> {
      const { rows } = await db.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const [order] = await withItems(rows);
      return order;
    },

    /** The user's orders, newest first. */
    async listOrders(userId: number): Promise<Order[]> {
      const { rows } = await db.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE user_id = $1 ORDER BY orders.id DESC`,
        [userId],
      );
      return withItems(rows);
    },

    async setStatus(id: number, status: OrderStatus): Promise<void> {
      await db.query('UPDATE orders SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
    },

    /**
     * Marks the order paid if it is pending and costs exactly `amount`, in one statement; false otherwise
     * (unknown order, another amount, already paid or cancelled).
     */
    async markPaid(id: number, amount: number): Promise<boolean> {
      const { rows } = await db.query(
        `UPDATE orders SET status = 'paid', updated_at = now()
         WHERE id = $1 AND status = 'pending' AND total = $2::bigint RETURNING id`,
        [id, amount],
      );
      return rows.length > 0;
    },
  };
}
