import { stdSerializers } from 'pino';

/** What a PostgreSQL error (pg's or PGlite's) may say without quoting a value from the row. */
const DATABASE_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint'] as const;

type SerializedError = Record<string, unknown> & { type: string; message: string; stack: string };

/** drizzle's DrizzleQueryError: its message and `params` carry every bound value (password and token hashes). */
function isQueryError(error: Error): error is Error & { query: unknown; params: unknown } {
  return 'query' in error && 'params' in error;
}

/** pg and PGlite errors: a SQLSTATE code and a severity; `detail` quotes the row ("Key (email)=(…)"). */
function isDatabaseError(error: Error): boolean {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string';
}

/** The stack's frames only: its first line repeats the message, which is what is being kept out. */
function framesOf(error: Error): string {
  const stack = error.stack ?? '';
  const firstFrame = stack.search(/\n\s+at /);
  return firstFrame === -1 ? '' : stack.slice(firstFrame + 1);
}

function serializeDatabaseError(
  type: string,
  message: string,
  frames: string,
  cause: unknown,
): SerializedError {
  const fields: Record<string, unknown> = {};
  if (cause instanceof Error && isDatabaseError(cause)) {
    for (const key of DATABASE_FIELDS) {
      const value = (cause as unknown as Record<string, unknown>)[key];
      if (value !== undefined) fields[key] = value;
    }
  }
  return { type, message, stack: `${type}: ${message}\n${frames}`, ...fields };
}

/**
 * pino's `err` serializer: the standard one, except that database errors keep their SQLSTATE code,
 * table, column and constraint and PostgreSQL's message, and lose the query's parameters and the
 * `detail` that quotes the row, wherever they sit in the cause chain.
 */
export function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  if (isQueryError(value)) {
    const cause = value.cause;
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    return serializeDatabaseError(value.name, `Failed query${reason}`, framesOf(value), cause);
  }
  if (isDatabaseError(value)) {
    return serializeDatabaseError(value.name, value.message, framesOf(value), value);
  }
  if (value.cause === undefined) return stdSerializers.err(value);
  // the standard serializer folds causes into the message: serialise the cause through this one instead
  const withoutCause = Object.assign(Object.create(Object.getPrototypeOf(value)) as Error, value, {
    message: value.message,
    stack: value.stack,
    cause: undefined,
  });
  return { ...stdSerializers.err(withoutCause), cause: serializeError(value.cause) };
}
