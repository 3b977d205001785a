import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from './exit-codes';

const Credentials = z.object({
  url: z.url(),
  token: z.string().min(1),
  tokenId: z.uuid().optional(),
  email: z.string(),
});
export type Credentials = z.infer<typeof Credentials>;

export function credentialsPath(configDir: string): string {
  return join(configDir, 'credentials.json');
}

/** Saves the token readable by this user only (0600), in a folder only they can list (0700). */
export function saveCredentials(configDir: string, credentials: Credentials): string {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const file = credentialsPath(configDir);
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // writeFile keeps the mode of a file that already exists, so set it explicitly
  chmodSync(file, 0o600);
  return file;
}

/** A credentials file that exists but cannot be used: not JSON, the wrong shape, or not readable. */
export class UnreadableCredentialsError extends CliError {
  constructor(readonly file: string) {
    super(`Your saved credentials at ${file} are unreadable; run \`groundwork login\` again.`, EXIT.usage);
    this.name = 'UnreadableCredentialsError';
  }
}

/** The saved login; undefined when there is none, UnreadableCredentialsError when the file is damaged. */
export function readCredentials(configDir: string): Credentials | undefined {
  const file = credentialsPath(configDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UnreadableCredentialsError(file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnreadableCredentialsError(file);
  }
  const parsed = Credentials.safeParse(json);
  if (!parsed.success) throw new UnreadableCredentialsError(file);
  return parsed.data;
}

export function deleteCredentials(configDir: string): void {
  rmSync(credentialsPath(configDir), { force: true });
}

/** The saved login, or a clear "log in first" for commands that act on the server as you. */
export function requireCredentials(configDir: string): Credentials {
  const saved = readCredentials(configDir);
  if (!saved) {
    throw new CliError('You are not logged in. Run `groundwork login` first.', EXIT.usage);
  }
  return saved;
}
