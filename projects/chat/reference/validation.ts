import type { z } from 'zod';
import type { FaultId } from '../faults';
import { problems } from './errors';
import { faultyHistoryQuery, faultyRegisterBody } from './faulty-schemas';
import { CreateRoomBody, HistoryQuery, LogInBody, RegisterBody } from './schemas';

export function parseRegister(body: unknown, fault?: FaultId): RegisterBody {
  return parseOrThrow(faultyRegisterBody(fault) ?? RegisterBody, body);
}

export function parseLogIn(body: unknown): LogInBody {
  return parseOrThrow(LogInBody, body);
}

export function parseCreateRoom(body: unknown): CreateRoomBody {
  return parseOrThrow(CreateRoomBody, body);
}

export function parseHistoryQuery(query: unknown, fault?: FaultId): HistoryQuery {
  return parseOrThrow(faultyHistoryQuery(fault) ?? HistoryQuery, query);
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
