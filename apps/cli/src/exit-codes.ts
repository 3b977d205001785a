/** The CLI's exit codes; documented in `groundwork --help` and the README. */
export const EXIT = {
  ok: 0,
  /** a graded check failed, the server refused what was asked (wrong password, revoked token…), or a backup or restore could not go ahead */
  failed: 1,
  /** the command line or the configuration is wrong */
  usage: 2,
  /** the server or the target could not be reached, or stopped answering during the run */
  unreachable: 3,
  /** nothing failed, but a stage could not be judged on this run (a busy machine): run it again */
  inconclusive: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by commands to stop with a message for the user and an exit code; never shows a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_CODES_HELP = `
Exit codes:
  0  success (for \`test\`: every selected stage passed)
  1  a check failed, the server refused the request, or a backup or restore
     could not go ahead (the database is in use, the target is not empty)
  2  usage error: a wrong flag, argument or setting
  3  the server or the target could not be reached, or stopped answering during the run
  4  inconclusive: nothing failed, but a stage could not be measured on this run; run it again`;
