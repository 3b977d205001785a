// Runs the reference solution from a terminal:
//   npx tsx projects/blog-api/reference/main.ts [--port 8080] [--fault <id>] [--data-dir <folder>]
// (`groundwork reference blog-api` will do the same.) The port defaults to $PORT, then 8080.
import { runReferenceFromCommandLine } from '../../kit/reference/run-from-command-line';
import { startReference } from './server';

await runReferenceFromCommandLine('blog-api', startReference);
