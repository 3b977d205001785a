import { parseArgs } from 'node:util';
import type { ReferenceOptions, RunningReference } from '../project';

const DEFAULT_PORT = 8080;

/**
 * Runs a project's reference from a terminal with `--port` (else $PORT, else 8080), `--host`, `--fault`
 * and `--data-dir`, logging each request, until SIGINT or SIGTERM closes it.
 * @example await runReferenceFromCommandLine('url-shortener', startReference);
 */
export async function runReferenceFromCommandLine(
  slug: string,
  startReference: (options: ReferenceOptions) => Promise<RunningReference>,
): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      fault: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`Invalid port "${portText}": give a whole number from 0 to 65535.`);
    process.exit(2);
  }

  const reference = await startReference({
    port,
    host: values.host,
    fault: values.fault,
    dataDir: values['data-dir'],
    logger: true,
  });
  console.log(
    `${slug} reference listening on ${reference.url}${values.fault ? ` with fault ${values.fault}` : ''}`,
  );

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void reference.close().then(() => process.exit(0)));
  }
}
