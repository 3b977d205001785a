import { z } from 'zod';

/** One field at fault in a rejected request: `field` is a dotted path such as `email` or `resources.1.url`. */
export const FieldError = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** An RFC 9457 problem document: every error a client of the API sees has this shape. */
export const Problem = z
  .object({
    type: z
      .string()
      .describe('A URI reference that identifies the problem type; it resolves to its documentation.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().describe('A stable, machine-readable error code from the error catalogue.'),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
