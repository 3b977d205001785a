// The wrong ways to write the request schemas, used only when a fault is switched on (see ../faults.ts).
// Each is a mistake the grader must catch; none belongs in real code.
import { z } from 'zod';
import type { FaultId } from '../faults';
import { CreateTaskBody, ListQuery, SignUpBody } from './schemas';

/** The sign-up body a fault accepts instead; undefined when the fault is not one. */
export function faultySignUpBody(fault: FaultId | undefined): z.ZodType<SignUpBody> | undefined {
  if (fault === 'password-policy-missing') return SignUpBody.safeExtend({ password: z.string() });
  return undefined;
}

/** The task body a validation fault accepts instead; undefined when the fault is not one. */
export function faultyTaskBody(fault: FaultId | undefined): z.ZodType<CreateTaskBody> | undefined {
  switch (fault) {
    case 'title-not-validated':
      return CreateTaskBody.safeExtend({ title: z.string() });
    case 'status-check-500': // left to the database's CHECK constraint
      return z.object({
        ...CreateTaskBody.shape,
        status: z.string().optional(),
      }) as z.ZodType<CreateTaskBody>;
    case 'due-date-not-validated': // left to the database's date parser
      return CreateTaskBody.safeExtend({ dueDate: z.string().nullable().optional() });
    default:
      return undefined;
  }
}

/** The listing query a fault accepts instead; undefined when the fault is not one. */
export function faultyListQuery(fault: FaultId | undefined): z.ZodType<ListQuery> | undefined {
  if (fault === 'sort-sql-injection') {
    return z.object({ ...ListQuery.shape, sort: z.string().default('-createdAt') }) as z.ZodType<ListQuery>;
  }
  return undefined;
}
