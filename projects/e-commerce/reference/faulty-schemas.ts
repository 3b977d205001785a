// The wrong ways to write the request schemas, used only when a fault is switched on (see ../faults.ts).
// Each is a mistake the grader must catch; none belongs in real code.
import { z } from 'zod';
import type { FaultId } from '../faults';
import {
  type CartItemBody,
  CheckoutBody,
  CreateProductBody,
  MAX_CART_QUANTITY,
  QUANTITY_RULE,
  UpdateProductBody,
} from './schemas';

/** The product body a fault accepts instead; undefined when the fault is not one. */
export function faultyProductBody(fault: FaultId | undefined): z.ZodType<CreateProductBody> | undefined {
  // left to the database: its integer column and CHECK (price >= 0)
  if (fault === 'product-price-unvalidated') return CreateProductBody.safeExtend({ price: z.number() });
  return undefined;
}

export function faultyProductChange(fault: FaultId | undefined): z.ZodType<UpdateProductBody> | undefined {
  if (fault === 'product-price-unvalidated')
    return UpdateProductBody.safeExtend({ price: z.number().optional() });
  return undefined;
}

/** The cart line body a fault accepts instead; undefined when the fault is not one. */
export function faultyCartItemBody(fault: FaultId | undefined): z.ZodType<CartItemBody> | undefined {
  switch (fault) {
    case 'cart-quantity-upper-unchecked':
      return z.object({ quantity: z.number({ error: QUANTITY_RULE }).min(1, QUANTITY_RULE) });
    case 'negative-quantity-accepted':
      return z.object({
        quantity: z
          .int({ error: QUANTITY_RULE })
          .refine(
            (quantity) => Math.abs(quantity) >= 1 && Math.abs(quantity) <= MAX_CART_QUANTITY,
            QUANTITY_RULE,
          ),
      });
    default:
      return undefined;
  }
}

/** The checkout body with a client's total kept (only with total-from-client). */
export const CheckoutBodyWithTotal = CheckoutBody.safeExtend({ total: z.number().optional() });
export type CheckoutBodyWithTotal = z.infer<typeof CheckoutBodyWithTotal>;

export function faultyCheckoutBody(fault: FaultId | undefined): z.ZodType<CheckoutBodyWithTotal> | undefined {
  if (fault === 'total-from-client') return CheckoutBodyWithTotal;
  return undefined;
}
