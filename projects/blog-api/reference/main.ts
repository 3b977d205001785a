// Runs the reference solution from a terminal:
//   npx tsx projects/blog-api/reference/main.ts [--port 8080] [--fault <id>] [--data-dir <folder>]
// (`groundwork reference blog-api` will do the same.) The port defaults to $PORT, then 8080.
import { parseArgs } from 'node:util';
import { startReference } from './server';

const DEFAULT_PORT = 8080;

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
  `blog-api reference listening on ${reference.url}${values.fault ? ` with fault ${values.fault}` : ''}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void reference.close().then(() => process.exit(0)));
}
