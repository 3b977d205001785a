import type {
  FastifySchemaCompiler,
  FastifySchemaValidationError,
  FastifyValidationResult,
} from 'fastify/types/schema';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';

export const NUL_CHARACTER_MESSAGE = 'Remove the NUL character (\\u0000): text cannot contain it';

/** JSON Pointer paths (`/report/stages/0/title`) of every string or key holding a NUL character. */
export function findNulCharacters(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\0') ? [path] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = `${path}/${key}`;
    return key.includes('\0') ? [at] : findNulCharacters(inner, at);
  });
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
