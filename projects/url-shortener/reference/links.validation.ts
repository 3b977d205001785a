import type { z } from 'zod';
import type { FaultId } from '../faults';
import { problems } from './errors';
import { faultyCreateLinkBody, faultyListQuery } from './faulty-schemas';
import type { LinkPosition } from './links.model';
import { CreateLinkBody, ListQuery } from './links.schemas';

export interface CreateLinkInput {
  url: string;
  alias?: string | undefined;
  expiresAt?: Date | undefined;
}

/** Checks a POST /links body; throws a 400 problem naming the first field at fault. */
export function parseCreateLinkInput(body: unknown, fault?: FaultId): CreateLinkInput {
  const { url, alias, expiresAt, ttlSeconds } = parseOrThrow(
    faultyCreateLinkBody(fault) ?? CreateLinkBody,
    body,
  );
  return {
    url,
    alias: alias ?? undefined,
    expiresAt: ttlSeconds == null ? (expiresAt ?? undefined) : new Date(Date.now() + ttlSeconds * 1000),
  };
}

/** Checks the GET /links query string; throws a 400 problem naming the parameter at fault. */
export function parseListQuery(query: unknown, fault?: FaultId): LinkPosition {
  const { limit, cursor } = parseOrThrow(faultyListQuery(fault) ?? ListQuery, query);
  return { limit, beforeId: cursor };
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
