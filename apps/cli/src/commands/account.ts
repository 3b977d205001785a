import { hostname } from 'node:os';
import type { Command } from 'commander';
import { callApi, describeProblem } from '../api-client';
import type { CliConfig } from '../cli-config';
import {
  credentialsPath,
  deleteCredentials,
  readCredentials,
  saveCredentials,
  UnreadableCredentialsError,
} from '../credentials';
import { CliError, EXIT } from '../exit-codes';
import { ask, readStdin } from '../prompt';

const LOCAL_URL = 'http://127.0.0.1:3000';

type LoginFlags = { url?: string; email?: string; passwordStdin?: boolean; token?: string };

/** The server of the saved login; a damaged file is what `login` is run to replace, so it is passed over. */
function savedServerUrl(configDir: string): string | undefined {
  try {
    return readCredentials(configDir)?.url;
  } catch (error) {
    if (error instanceof UnreadableCredentialsError) return undefined;
    throw error;
  }
}

function serverUrl(config: CliConfig, flag: string | undefined): string {
  const url = flag ?? savedServerUrl(config.configDir) ?? config.defaultUrl ?? LOCAL_URL;
  try {
    return new URL(url).origin;
  } catch {
    throw new CliError(`--url: "${url}" is not a URL such as ${LOCAL_URL}`, EXIT.usage);
  }
}

function cookieHeader(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** Trades an email and password for a personal access token, then ends the short-lived web session. */
async function loginWithPassword(url: string, email: string, password: string) {
  const login = await callApi(url, '/api/auth/login', { method: 'POST', body: { email, password } });
  if (login.status !== 200) throw new CliError(`Log-in refused: ${describeProblem(login)}`, EXIT.failed);
  const { csrfToken } = login.body as { csrfToken: string };
  const session = { cookie: cookieHeader(login.headers), 'x-csrf-token': csrfToken };
  const created = await callApi(url, '/api/tokens', {
    method: 'POST',
    body: { name: `groundwork CLI on ${hostname()}`.slice(0, 80) },
    headers: session,
  });
  if (created.status !== 201)
    throw new CliError(`Could not create a token: ${describeProblem(created)}`, EXIT.failed);
  await callApi(url, '/api/auth/logout', { method: 'POST', headers: session });
  const { secret, token } = created.body as { secret: string; token: { id: string } };
  return { token: secret, tokenId: token.id };
}

async function whoIs(url: string, token: string) {
  const me = await callApi(url, '/api/me', { headers: { authorization: `Bearer ${token}` } });
  if (me.status === 401) {
    throw new CliError(
      'Your token was refused: it was revoked or has expired. Run `groundwork login` again.',
      EXIT.failed,
    );
  }
  if (me.status !== 200) throw new CliError(`The server answered ${describeProblem(me)}`, EXIT.failed);
  return me.body as { email: string; name: string; role: string };
}

export function registerAccountCommands(program: Command, config: CliConfig) {
  program
    .command('login')
    .description('sign in to a Groundwork server and save a personal access token for the other commands')
    .option('--url <url>', `the Groundwork server (env GROUNDWORK_URL, default ${LOCAL_URL})`)
    .option('--email <email>', 'your email (asked for when omitted)')
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .option(
      '--token <token>',
      'use an existing personal access token (created in the web app) instead of a password',
    )
    .action(async (flags: LoginFlags) => {
      const url = serverUrl(config, flags.url);
      let credentials: { token: string; tokenId?: string };
      if (flags.token) {
        credentials = { token: flags.token };
      } else {
        if (!flags.passwordStdin && !process.stdin.isTTY) {
          throw new CliError(
            'No terminal to ask for a password: pass --password-stdin or --token.',
            EXIT.usage,
          );
        }
        const email = flags.email ?? (await ask('Email: '));
        const password = flags.passwordStdin ? await readStdin() : await ask('Password: ', { secret: true });
        credentials = await loginWithPassword(url, email.trim(), password);
      }
      const me = await whoIs(url, credentials.token);
      const file = saveCredentials(config.configDir, { url, email: me.email, ...credentials });
      console.log(`Logged in to ${url} as ${me.email} (${me.role}). Token saved in ${file}.`);
    });

  program
    .command('logout')
    .description('revoke the saved token on the server and forget it here')
    .action(async () => {
      let saved: ReturnType<typeof readCredentials>;
      try {
        saved = readCredentials(config.configDir);
      } catch (error) {
        if (!(error instanceof UnreadableCredentialsError)) throw error;
        // nothing in it can be revoked, but forgetting it is what the user asked for
        deleteCredentials(config.configDir);
        console.log(
          `Removed your unreadable saved credentials at ${credentialsPath(config.configDir)}. If they held a token, revoke it in the web app.`,
        );
        return;
      }
      if (!saved) {
        console.log('You are not logged in.');
        return;
      }
      deleteCredentials(config.configDir);
      if (!saved.tokenId) {
        console.log(
          `Forgot the token for ${saved.url}. It was created elsewhere: revoke it in the web app if you no longer need it.`,
        );
        return;
      }
      const revoked = await callApi(saved.url, `/api/tokens/${saved.tokenId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${saved.token}` },
      }).catch((error: unknown) => {
        if (error instanceof CliError) {
          throw new CliError(
            `Forgot the token locally, but ${error.message} Revoke it in the web app.`,
            error.exitCode,
          );
        }
        throw error;
      });
      if (revoked.status !== 204 && revoked.status !== 401) {
        throw new CliError(
          `Forgot the token locally, but the server refused to revoke it: ${describeProblem(revoked)}`,
          EXIT.failed,
        );
      }
      console.log(`Logged out of ${saved.url}; the token is revoked.`);
    });

  program
    .command('whoami')
    .description('show who the saved token signs you in as')
    .action(async () => {
      const saved = readCredentials(config.configDir);
      if (!saved) throw new CliError('You are not logged in. Run `groundwork login`.', EXIT.failed);
      const me = await whoIs(saved.url, saved.token);
      console.log(`${me.name} <${me.email}>, ${me.role}, on ${saved.url}`);
    });
}
