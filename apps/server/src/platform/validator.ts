import type {
  FastifySchemaCompiler,
  FastifySchemaValidationError,
  FastifyValidationResult,
} from 'fastify/types/schema';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';

export const NUL_CHARACTER_MESSAGE = 'Remove the NUL character (\\u0000): text cannot contain it';

/**
 * JSON Pointer paths (`/report/stages/0/title`) of every string or key holding a NUL character. It walks
 * with a stack of its own, not by recursion, and builds a path only for what it finds: a body of a
 * million nested arrays must cost a 400 from zod, not a stack overflow or a quadratic pile of paths.
 */
export function findNulCharacters(root: unknown): string[] {
  type Node = { value: unknown; key: string; parent: Node | undefined };
  const pathOf = (node: Node | undefined): string => {
    const keys: string[] = [];
    for (let at = node; at?.parent !== undefined; at = at.parent) keys.push(at.key);
    return keys
      .reverse()
      .map((key) => `/${key}`)
      .join('');
  };
  const found: string[] = [];
  const pending: Node[] = [{ value: root, key: '', parent: undefined }];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const { value } = node;
    if (typeof value === 'string') {
      if (value.includes('\0')) found.push(pathOf(node));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const entries = Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, inner] = entries[index] as [string, unknown];
      const child = { value: inner, key, parent: node };
      if (key.includes('\0')) found.push(pathOf(child));
      else pending.push(child);
    }
  }
  return found;
}

/**
 * The zod validator, preceded by one rule for every string a request carries (body, query, params, at
 * any depth): PostgreSQL's text and jsonb refuse the NUL character, so a request carrying one is a 400
 * naming the field here rather than a failed insert later. Checked here, not per field, so that no
 * field (the dozens inside an uploaded report, a route added later) can be forgotten.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const validate = zodValidatorCompiler(route as never) as FastifyValidationResult;
  return (data: unknown) => {
    const paths = findNulCharacters(data);
    if (paths.length === 0) return validate(data);
    const issues: FastifySchemaValidationError[] = paths.map((instancePath) => ({
      instancePath,
      keyword: 'nul_character',
      schemaPath: '',
      params: {},
      message: NUL_CHARACTER_MESSAGE,
    }));
    return { error: issues };
  };
};
