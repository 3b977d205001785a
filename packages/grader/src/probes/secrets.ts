import { pass, type Verdict } from '../authoring/verdict';
import type { HttpResponse } from '../http/types';
import { describeRequest } from './authentication';
import { probeFailure } from './probe-failure';
import type { ResponseHygieneOptions } from './types';

export type SecretKind =
  | 'password-hash'
  | 'password-field'
  | 'stack-trace'
  | 'private-key'
  | 'environment'
  | 'credential';

const SECRET_PATTERNS: ReadonlyArray<[RegExp, SecretKind, string]> = [
  [/\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/, 'password-hash', 'a bcrypt password hash'],
  [/\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$/, 'password-hash', 'an argon2 password hash'],
  [/\$scrypt\$|\bscrypt:\d+:\d+:\d+\$|pbkdf2[_:]sha\d+[$:]\d+[$:]/, 'password-hash', 'a password hash'],
  [
    /"(?:password|passwordHash|password_hash|hashedPassword|hashed_password)"\s*:\s*"[^"]+"/i,
    'password-field',
    'a password field',
  ],
  [/-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/, 'private-key', 'a private key'],
  [
    /\n\s+at [\w.<>$[\] ]+ \((?:\/|[A-Za-z]:\\|node:|file:)[^)]*:\d+:\d+\)/,
    'stack-trace',
    'a Node.js stack trace',
  ],
  [/Traceback \(most recent call last\)/, 'stack-trace', 'a Python traceback'],
  [/\bat [\w$.]+\([\w$]+\.(?:java|kt):\d+\)/, 'stack-trace', 'a Java stack trace'],
  [/goroutine \d+ \[running\]|\.go:\d+ \+0x[0-9a-f]+/, 'stack-trace', 'a Go stack trace'],
  [/Stack trace:\s*#0 /, 'stack-trace', 'a PHP stack trace'],
  [/\.rb:\d+:in [`']/, 'stack-trace', 'a Ruby backtrace'],
  [/ at [\w.]+\.\w+\(.*\) in .+:line \d+/, 'stack-trace', 'a .NET stack trace'],
  [
    /\b(?:AWS_SECRET_ACCESS_KEY|DATABASE_URL|JWT_SECRET|SESSION_SECRET|SECRET_KEY|PGPASSWORD)\b["']?\s*[=:]/,
    'environment',
    'environment variables',
  ],
  [
    /"(?:PATH|HOME)"\s*:\s*"\/[^"]*"[\s\S]{0,400}"(?:PATH|HOME|USER|PWD)"\s*:/,
    'environment',
    'an environment dump',
  ],
  [/\bAKIA[0-9A-Z]{16}\b/, 'credential', 'an AWS access key id'],
  [
    /\b(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis):\/\/[^:\s/"']+:[^@\s"']+@/,
    'credential',
    'a database URL with its password',
  ],
];

export interface FoundSecret {
  kind: SecretKind;
  description: string;
  excerpt: string;
}

/** Every kind of secret found in `text` (first match per pattern). */
export function findSecrets(text: string): FoundSecret[] {
  const found: FoundSecret[] = [];
  for (const [pattern, kind, description] of SECRET_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const start = Math.max(0, match.index - 20);
    found.push({
      kind,
      description,
      excerpt: text.slice(start, match.index + Math.min(match[0].length, 80)).trim(),
    });
  }
  return found;
}

/** Fails on the first response that leaks a secret. */
export function probeSecretsInResponses(responses: HttpResponse | readonly HttpResponse[]): Verdict {
  const list: readonly HttpResponse[] = Array.isArray(responses) ? responses : [responses as HttpResponse];
  for (const res of list) {
    const [secret] = findSecrets(`${JSON.stringify(res.headers)}\n${res.text()}`);
    if (!secret) continue;
    return probeFailure(
      res,
      'no secrets in the response',
      `${secret.description}: "${secret.excerpt}"`,
      `The response to ${res.method} ${new URL(res.url).pathname} contains ${secret.description}; never send internals to clients.`,
    );
  }
  return pass();
}

const PASSWORD_KEY =
  /^(?:password|passwd|passwordHash|password_hash|hashedPassword|hashed_password|passwordDigest|password_digest)$/i;

/** The path of the first key in a JSON value that names a password or its hash (`user.passwordHash`). */
function findPasswordKey(value: unknown, path = ''): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && PASSWORD_KEY.test(key) && child !== null && child !== '') return here;
    const found = findPasswordKey(child, here);
    if (found) return found;
  }
  return undefined;
}

/**
 * Fails on the first response whose body holds a password or hash field, a secret (`findSecrets`), or one
 * of the `forbidden` values, such as the password just used or another user's token.
 * @example probeResponseHygiene({ responses, forbidden: [{ value: bob.token, description: "another user's token" }] })
 */
export function probeResponseHygiene(options: ResponseHygieneOptions): Verdict {
  for (const res of options.responses) {
    const text = res.text();
    const request = describeRequest(res);
    const passwordKey = findPasswordKey(res.json());
    if (passwordKey !== undefined) {
      return probeFailure(
        res,
        'no password or password hash in the body',
        `a "${passwordKey}" field`,
        `The response to ${request} has a "${passwordKey}" field; never send a password or its hash to clients, not even hashed.`,
      );
    }
    for (const { value, description } of options.forbidden ?? []) {
      if (value === '' || !text.includes(value)) continue;
      return probeFailure(
        res,
        `no trace of ${description} in the body`,
        `${description} in the body`,
        `The response to ${request} contains ${description}; a response should only carry what its caller may see.`,
      );
    }
    const [secret] = findSecrets(text);
    if (secret) {
      return probeFailure(
        res,
        'no secrets in the response',
        `${secret.description}: "${secret.excerpt}"`,
        `The response to ${request} contains ${secret.description}; never send internals to clients.`,
      );
    }
  }
  return pass();
}
