// Runs the reference solution from a terminal:
//   npx tsx projects/url-shortener/reference/main.ts [--port 8080] [--fault <id>] [--data-dir <folder>]
// (`groundwork reference url-shortener` will do the same.) The port defaults to $PORT, then 8080.
import { runReferenceFromCommandLine } from '../../kit/reference/run-from-command-line';
import { startReference } from './server';

await runReferenceFromCommandLine('url-shortener', startReference);
