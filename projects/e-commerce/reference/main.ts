// Runs the reference solution from a terminal:
//   npx tsx projects/e-commerce/reference/main.ts [--port 8080] [--fault <id>] [--data-dir <folder>]
// (`groundwork reference e-commerce` will do the same.) The port defaults to $PORT, then 8080. It runs in
// test mode (POST /test/promote) with the webhook secret whsec_groundwork_test unless
// PAYMENT_WEBHOOK_SECRET says otherwise.
import { runReferenceFromCommandLine } from '../../kit/reference/run-from-command-line';
import { startReference } from './server';

await runReferenceFromCommandLine('e-commerce', startReference);
