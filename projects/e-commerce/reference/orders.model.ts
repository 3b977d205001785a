export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderItem {
  productId: number;
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

/** An order as the repository stores it. */
export interface Order {
  id: number;
  userId: number;
  status: OrderStatus;
  items: OrderItem[];
  total: number;
  shippingAddress: string;
  createdAt: Date;
}

/** The order as clients see it. */
export interface OrderResponse {
  id: number;
  status: OrderStatus;
  items: OrderItem[];
  total: number;
  shippingAddress: string;
  createdAt: string;
}

/**
 * An order's life, as a table: each action, the statuses it may start from, and the one it leads to.
 * Anything else is refused with 409, so a delivered order can never go back to pending.
 */
export const TRANSITIONS = {
  pay: { from: ['pending'], to: 'paid' },
  ship: { from: ['paid'], to: 'shipped' },
  deliver: { from: ['shipped'], to: 'delivered' },
  cancel: { from: ['pending', 'paid'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;

export type OrderAction = keyof typeof TRANSITIONS;

export function toOrderResponse(order: Order): OrderResponse {
  return {
    id: order.id,
    status: order.status,
    items: order.items,
    total: order.total,
    shippingAddress: order.shippingAddress,
    createdAt: order.createdAt.toISOString(),
  };
}
