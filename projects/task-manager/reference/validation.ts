import type { z } from 'zod';
import type { FaultId } from '../faults';
import { problems } from './errors';
import { faultyListQuery, faultySignUpBody, faultyTaskBody } from './faulty-schemas';
import { CreateTaskBody, ListQuery, LogInBody, SignUpBody, UpdateTaskBody } from './schemas';

export function parseSignUp(body: unknown, fault?: FaultId): SignUpBody {
  return parseOrThrow(faultySignUpBody(fault) ?? SignUpBody, body);
}

export function parseLogIn(body: unknown): z.infer<typeof LogInBody> {
  return parseOrThrow(LogInBody, body);
}

export function parseCreateTask(body: unknown, fault?: FaultId): CreateTaskBody {
  return parseOrThrow(faultyTaskBody(fault) ?? CreateTaskBody, body);
}

export function parseUpdateTask(body: unknown, fault?: FaultId): UpdateTaskBody {
  const faulty = faultyTaskBody(fault) as z.ZodObject | undefined;
  return parseOrThrow((faulty?.partial() as z.ZodType<UpdateTaskBody> | undefined) ?? UpdateTaskBody, body);
}

export function parseListQuery(query: unknown, fault?: FaultId): ListQuery {
  return parseOrThrow(faultyListQuery(fault) ?? ListQuery, query);
}

/** The parsed value, or the first issue as a 400 problem: naming its field, or the body when it is not an object. */
function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path[0];
  if (issue === undefined || field === undefined) throw problems.invalidBody();
  throw problems.invalidField(String(field), issue.message);
}
