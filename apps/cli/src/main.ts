import { VERSION } from '@groundwork/contracts';
import { Command, CommanderError } from 'commander';
import { loadCliConfig } from './cli-config';
import { registerAccountCommands } from './commands/account';
import { registerBackupCommands } from './commands/backup';
import { registerContentCommands } from './commands/content';
import { registerGradingCommands } from './commands/grading';
import { registerProgressCommands } from './commands/progress';
import { registerServeCommands } from './commands/serve';
import { registerSubmitCommand } from './commands/submit';
import { CliError, EXIT, EXIT_CODES_HELP } from './exit-codes';

/** Builds the `groundwork` program; exported for tests, which run it in-process. */
export function createProgram(env: Readonly<Record<string, string | undefined>> = process.env) {
  const config = loadCliConfig(env, process.stdout.isTTY === true);
  const program = new Command()
    .name('groundwork')
    .description(
      'Follow the backend roadmap, build the classic projects in any language, and get your running server graded.',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride();
  registerGradingCommands(program, config);
  registerSubmitCommand(program, config);
  registerServeCommands(program, env);
  registerBackupCommands(program, env);
  registerAccountCommands(program, config);
  registerProgressCommands(program, config);
  registerContentCommands(program);
  addExitCodesHelp(program.commands);
  return program;
}

/** Every command, subcommands included, lists the exit codes in its --help and reports them to runCli. */
function addExitCodesHelp(commands: readonly Command[]) {
  for (const command of commands) {
    command.exitOverride().addHelpText('after', EXIT_CODES_HELP);
    addExitCodesHelp(command.commands);
  }
}

/** Runs the CLI and returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: readonly string[], env = process.env): Promise<number> {
  try {
    await createProgram(env).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with a CommanderError too, but they succeeded
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      console.error(`groundwork: ${error.message}`);
      return error.exitCode;
    }
    console.error('groundwork: an unexpected error happened. Please report it with this trace:');
    console.error(error);
    return EXIT.failed;
  }
}
