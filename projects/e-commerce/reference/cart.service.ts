import type { FaultId } from '../faults';
import type { CartLine, CartRepository } from './cart.repository';
import { problems } from './errors';

/** A cart as clients see it: integer cents, every sum exact. */
export interface Cart {
  items: (CartLine & { lineTotal: number })[];
  total: number;
}

export type CartService = ReturnType<typeof createCartService>;

export function createCartService(carts: CartRepository, fault?: FaultId) {
  async function getCart(userId: number): Promise<Cart> {
    const lines = await carts.listLines(userId);
    if (fault === 'cart-float-sum') return sumInEuros(lines);
    const items = lines.map((line) => ({ ...line, lineTotal: line.unitPrice * line.quantity }));
    return { items, total: items.reduce((sum, item) => sum + item.lineTotal, 0) };
  }

  return {
    getCart,

    /** Sets how many of a product the cart holds: the quantity replaces the old one, it is not added. */
    async setQuantity(userId: number, productId: number, quantity: number): Promise<Cart> {
      const isStored = await carts.setQuantity(userId, productId, quantity);
      if (!isStored && fault !== 'cart-unknown-product-accepted') throw problems.productNotFound();
      return getCart(userId);
    },

    /** Removes a product from the cart; removing one that is not there is fine. */
    async removeProduct(userId: number, productId: number): Promise<Cart> {
      await carts.removeLine(userId, productId);
      return getCart(userId);
    },
  };
}

/** The cart-float-sum fault: prices as euros in floating point, back to cents only at the end. */
function sumInEuros(lines: readonly CartLine[]): Cart {
  const items = lines.map((line) => ({ ...line, lineTotal: (line.unitPrice / 100) * line.quantity * 100 }));
  const euros = lines.reduce((sum, line) => sum + (line.unitPrice / 100) * line.quantity, 0);
  return { items, total: euros * 100 };
}
