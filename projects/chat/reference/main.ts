// Runs the reference solution from a terminal:
//   npx tsx projects/chat/reference/main.ts [--port 8080] [--fault <id>] [--data-dir <folder>]
// (`groundwork reference chat` will do the same.) The port defaults to $PORT, then 8080; pages of other
// origins may open WebSockets when listed in CHAT_ALLOWED_ORIGINS (comma-separated).
import { runReferenceFromCommandLine } from '../../kit/reference/run-from-command-line';
import { startReference } from './server';

await runReferenceFromCommandLine('chat', startReference);
