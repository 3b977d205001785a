// The wrong ways to write the request schemas, used only when a fault is switched on (see ../faults.ts).
// Each is a mistake the grader must catch; none belongs in real code.
import { z } from 'zod';
import type { FaultId } from '../faults';
import { DEFAULT_PAGE_LIMIT, HistoryQuery, MAX_PAGE_LIMIT, RegisterBody } from './schemas';

/** The register body a fault accepts instead; undefined when the fault is not one. */
export function faultyRegisterBody(fault: FaultId | undefined): z.ZodType<RegisterBody> | undefined {
  if (fault === 'username-case-sensitive') {
    return RegisterBody.safeExtend({ username: z.string().regex(/^[A-Za-z0-9_]{3,32}$/) });
  }
  return undefined;
}

/** The history query a fault accepts instead; undefined when the fault is not one. */
export function faultyHistoryQuery(fault: FaultId | undefined): z.ZodType<HistoryQuery> | undefined {
  if (fault === 'history-limit-clamped') {
    // anything that is not a number falls back to the default, and numbers are squeezed into range
    const clamped = z
      .string()
      .optional()
      .transform((text) => {
        const limit = Number.parseInt(text ?? '', 10);
        return Number.isNaN(limit) ? DEFAULT_PAGE_LIMIT : Math.min(Math.max(limit, 1), MAX_PAGE_LIMIT);
      });
    return z.object({ ...HistoryQuery.shape, limit: clamped }) as z.ZodType<HistoryQuery>;
  }
  return undefined;
}
