import pino, { type DestinationStream, type Logger } from 'pino';
import { serializeError } from './error-serializer';

/** Never written to a log line, wherever they appear in a request, a response or an error. */
const REDACTED_PATHS = [
  'requestHeaders.authorization',
  'requestHeaders.cookie',
  'requestHeaders["x-csrf-token"]',
  'responseHeaders["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.secret',
  '*.token',
  '*.csrfToken',
];

/**
 * The process's logger: JSON lines (or pretty ones on a terminal) with credentials redacted, and
 * database errors without the values of the query that failed.
 * `destination` replaces stdout (tests collect the lines); it writes JSON whatever `pretty` says.
 * @example const logger = createLogger({ level: 'info', pretty: false });
 */
export function createLogger(
  options: { level: string; pretty: boolean },
  destination?: DestinationStream,
): Logger {
  const settings = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // a failed query's error carries its bound values (password and token hashes): see serializeError
    serializers: { err: serializeError },
  };
  if (destination) return pino(settings, destination);
  return pino({
    ...settings,
    ...(options.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}
