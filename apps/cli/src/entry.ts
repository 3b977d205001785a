// Runs the CLI from TypeScript source: `tsx apps/cli/src/entry.ts <command>` (used by `npm run dev`).
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2));
