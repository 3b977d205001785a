import type { FaultId } from '../faults';
import type { SqlClient } from './database';

/** A cart line with the product's current name and price. */
export interface CartLine {
  productId: number;
  name: string;
  quantity: number;
  unitPrice: number;
}

/** A cart line as checkout takes it: what to buy and how many. */
export interface CartEntry {
  productId: number;
  quantity: number;
}

export type CartRepository = ReturnType<typeof createCartRepository>;

export function createCartRepository(db: SqlClient, fault?: FaultId) {
  return {
    /** The user's cart, in the order the items were first added. */
    async listLines(userId: number): Promise<CartLine[]> {
      const { rows } = await db.query<CartLine>(
        `SELECT c.product_id::integer AS "productId", p.name, c.quantity, p.price AS "unitPrice"
         FROM cart_items c JOIN products p ON p.id = c.product_id
         WHERE c.user_id = $1 ORDER BY c.id`,
        [userId],
      );
      return rows;
    },

    /** The user's cart lines, locked until the transaction ends: a checkout sees no change half-way. */
    async lockEntries(userId: number): Promise<CartEntry[]> {
      const { rows } = await db.query<CartEntry>(
        `SELECT product_id::integer AS "productId", quantity FROM cart_items
         WHERE user_id = $1 ORDER BY id FOR UPDATE`,
        [userId],
      );
      return rows;
    },

    /** Sets the line's quantity (adding the line if new); false when no product has the id. */
    async setQuantity(userId: number, productId: number, quantity: number): Promise<boolean> {
      const newQuantity =
        fault === 'cart-put-adds' ? 'cart_items.quantity + EXCLUDED.quantity' : 'EXCLUDED.quantity';
      const { rows } = await db.query(
        `INSERT INTO cart_items (user_id, product_id, quantity)
         SELECT $1, id, $3 FROM products WHERE id = $2
         ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = ${newQuantity}
         RETURNING product_id`,
        [userId, productId, quantity],
      );
      return rows.length > 0;
    },

    async removeLine(userId: number, productId: number): Promise<void> {
      // cart-shared still names $1 (every placeholder needs a use), but deletes by product alone
      const owner = fault === 'cart-shared' ? '$1::bigint IS NOT NULL' : 'user_id = $1';
      await db.query(`DELETE FROM cart_items WHERE ${owner} AND product_id = $2`, [userId, productId]);
    },

    async clear(userId: number): Promise<void> {
      await db.query('DELETE FROM cart_items WHERE user_id = $1', [userId]);
    },
  };
}
