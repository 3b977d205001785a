import type { z } from 'zod';
import type { FaultId } from '../faults';
import { problems } from './errors';
import type { CheckoutBodyWithTotal } from './faulty-schemas';
import {
  faultyCartItemBody,
  faultyCheckoutBody,
  faultyProductBody,
  faultyProductChange,
} from './faulty-schemas';
import {
  CartItemBody,
  CatalogueQuery,
  CheckoutBody,
  CreateProductBody,
  LogInBody,
  PromoteBody,
  RegisterBody,
  UpdateProductBody,
} from './schemas';

export const parseRegister = (body: unknown): RegisterBody => parseOrThrow(RegisterBody, body);

export const parseLogIn = (body: unknown): LogInBody => parseOrThrow(LogInBody, body);

export const parsePromote = (body: unknown): z.infer<typeof PromoteBody> => parseOrThrow(PromoteBody, body);

export function parseCreateProduct(body: unknown, fault?: FaultId): CreateProductBody {
  return parseOrThrow(faultyProductBody(fault) ?? CreateProductBody, body);
}

export function parseUpdateProduct(body: unknown, fault?: FaultId): UpdateProductBody {
  return parseOrThrow(faultyProductChange(fault) ?? UpdateProductBody, body);
}

export const parseCatalogueQuery = (query: unknown): CatalogueQuery => parseOrThrow(CatalogueQuery, query);

export function parseCartItem(body: unknown, fault?: FaultId): CartItemBody {
  return parseOrThrow(faultyCartItemBody(fault) ?? CartItemBody, body);
}

export function parseCheckout(body: unknown, fault?: FaultId): CheckoutBodyWithTotal {
  return parseOrThrow(faultyCheckoutBody(fault) ?? CheckoutBody, body);
}

/**
 * The parsed value, or the first issue as a 422 problem naming its field. A missing body reads as `{}`, so
 * the first required field is named; a body that is not an object is refused as a whole.
 */
function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path[0];
  if (issue === undefined || field === undefined) throw problems.invalidBody();
  throw problems.invalidField(String(field), issue.message);
}
