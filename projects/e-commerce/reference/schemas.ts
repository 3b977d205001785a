import { z } from 'zod';

// The request rules of the contract (../spec.md and ../openapi.yaml), one schema per field; each message names its field.
// Money and counts are JSON integers: 19.99 and "2" are refused, never rounded or converted.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_CATEGORY_LENGTH = 100;
// €999,999.99: far beyond any product, well inside a 32-bit integer column
export const MAX_PRICE_CENTS = 99_999_999;
export const MAX_STOCK = 1_000_000;
export const MAX_CART_QUANTITY = 99;
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
export const MAX_SEARCH_LENGTH = 200;
export const MAX_ADDRESS_LENGTH = 500;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const PASSWORD_RULE = `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long.`;
const PRICE_RULE = `price must be a whole number of cents from 0 to ${MAX_PRICE_CENTS}, such as 1999 for €19.99.`;
const STOCK_RULE = `stock must be a whole number from 0 to ${MAX_STOCK}.`;
export const QUANTITY_RULE = `quantity must be a whole number from 1 to ${MAX_CART_QUANTITY}.`;

export const Email = z
  .string({ error: 'email is required.' })
  .trim()
  .max(254, 'email must be at most 254 characters long.')
  .pipe(z.email({ error: 'email must be an email address, such as ada@example.com.' }))
  .transform((email) => email.toLowerCase());

// counted in characters (code points), not bytes: "pässwörd" is 8 characters
export const Password = z.string({ error: PASSWORD_RULE }).refine((password) => {
  const length = [...password].length;
  return length >= MIN_PASSWORD_LENGTH && length <= MAX_PASSWORD_LENGTH;
}, PASSWORD_RULE);

export const RegisterBody = z.object({ email: Email, password: Password });
export type RegisterBody = z.infer<typeof RegisterBody>;

// log-in checks nothing but presence: the rules are for new passwords, and a refusal must not hint at them
export const LogInBody = z.object({
  email: z.string({ error: 'email is required.' }).transform((email) => email.trim().toLowerCase()),
  password: z.string({ error: 'password is required.' }),
});
export type LogInBody = z.infer<typeof LogInBody>;

export const PromoteBody = z.object({
  email: z.string({ error: 'email is required.' }).transform((email) => email.trim().toLowerCase()),
});

export const Price = z.int({ error: PRICE_RULE }).min(0, PRICE_RULE).max(MAX_PRICE_CENTS, PRICE_RULE);

// unknown fields (id, createdAt, …) are dropped: clients choose only these
export const CreateProductBody = z.object({
  name: z
    .string({ error: 'name is required and must be a string.' })
    .trim()
    .min(1, 'name must not be empty.')
    .max(MAX_NAME_LENGTH, `name must be at most ${MAX_NAME_LENGTH} characters long.`),
  description: z
    .string({ error: 'description must be a string.' })
    .max(MAX_DESCRIPTION_LENGTH, `description must be at most ${MAX_DESCRIPTION_LENGTH} characters long.`)
    .default(''),
  price: Price,
  category: z
    .string({ error: 'category is required and must be a string.' })
    .trim()
    .min(1, 'category must not be empty.')
    .max(MAX_CATEGORY_LENGTH, `category must be at most ${MAX_CATEGORY_LENGTH} characters long.`),
  stock: z.int({ error: STOCK_RULE }).min(0, STOCK_RULE).max(MAX_STOCK, STOCK_RULE),
});
export type CreateProductBody = z.infer<typeof CreateProductBody>;

// a PATCH leaves out what it does not change, so nothing defaults here
export const UpdateProductBody = CreateProductBody.safeExtend({
  description: CreateProductBody.shape.description.unwrap(),
}).partial();
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

/** A whole number in a query string: `?minPrice=1000`. */
function wholeNumberParameter(rule: string) {
  return z
    .string({ error: rule })
    .regex(/^\d{1,9}$/, rule)
    .transform(Number);
}

const LIMIT_RULE = `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.`;

export const CatalogueQuery = z.object({
  q: z
    .string({ error: 'q must be a single string.' })
    .max(MAX_SEARCH_LENGTH, `q must be at most ${MAX_SEARCH_LENGTH} characters long.`)
    .optional(),
  category: z.string({ error: 'category must be a single string.' }).optional(),
  minPrice: wholeNumberParameter('minPrice must be a whole number of cents, such as 1000.').optional(),
  maxPrice: wholeNumberParameter('maxPrice must be a whole number of cents, such as 5000.').optional(),
  limit: wholeNumberParameter(LIMIT_RULE)
    .pipe(z.number().min(1, LIMIT_RULE).max(MAX_PAGE_LIMIT, LIMIT_RULE))
    .default(DEFAULT_PAGE_LIMIT),
  cursor: z.string({ error: 'cursor must be the nextCursor of a previous page.' }).optional(),
});
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;

export const CartItemBody = z.object({
  quantity: z.int({ error: QUANTITY_RULE }).min(1, QUANTITY_RULE).max(MAX_CART_QUANTITY, QUANTITY_RULE),
});
export type CartItemBody = z.infer<typeof CartItemBody>;

// items, prices and totals a client sends are dropped: an order costs what the catalogue says
export const CheckoutBody = z.object({
  shippingAddress: z
    .string({ error: 'shippingAddress is required and must be a string.' })
    .trim()
    .min(1, 'shippingAddress must not be empty.')
    .max(MAX_ADDRESS_LENGTH, `shippingAddress must be at most ${MAX_ADDRESS_LENGTH} characters long.`),
});
export type CheckoutBody = z.infer<typeof CheckoutBody>;

/** What the payment provider sends; only payment.succeeded is acted on, with `data` read by PaymentSucceeded. */
export const PaymentEvent = z.object({
  id: z.string({ error: 'id must be the event id, a string.' }).min(1, 'id must not be empty.').max(255),
  type: z.string({ error: 'type must be a string.' }),
  data: z.unknown(),
});
export type PaymentEvent = z.infer<typeof PaymentEvent>;

export const PaymentSucceeded = z.object({
  orderId: z.union([
    z.int(),
    z
      .string()
      .regex(/^\d{1,15}$/)
      .transform(Number),
  ]),
  amount: z.int(),
});
