// Runs the reference solution from a terminal (AUTH_TEST_MODE=1 for the outbox and the grader's knobs):
//   npx tsx projects/auth-system/reference/main.ts [--port 8080] [--fault <id>] [--data-dir <folder>]
// (`groundwork reference auth-system` will do the same.) The port defaults to $PORT, then 8080.
import { runReferenceFromCommandLine } from '../../kit/reference/run-from-command-line';
import { readConfig } from './config';
import { startReference } from './server';

await runReferenceFromCommandLine('auth-system', (options) =>
  // outside the grader's runs, test mode only when the environment asks for it
  startReference({ ...options, isTestMode: readConfig().AUTH_TEST_MODE }),
);
