import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { projectFile } from '../../kit/project-files';
import type { FaultId } from '../faults';
import { problems } from './errors';

// NIST SP 800-63B: at least 8 characters, at least 64 allowed, no composition rules
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
// the package declares Algorithm as a const enum, which isolated modules cannot import; 2 is Argon2id
const ARGON2ID = 2;
// OWASP's argon2id baseline: 19 MiB of memory, two passes, one lane
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const COMMON_PASSWORDS = new Set(
  readFileSync(projectFile('auth-system', 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== ''),
);

/** Throws a 400 naming `password` when it breaks the policy; the policy is the spec's, nothing more. */
export function checkPasswordPolicy(password: string, fault?: FaultId): void {
  // code points, not UTF-16 units: an emoji is one character to the person typing it
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH && fault !== 'password-min-length-missing') {
    throw problems.invalidField('password', `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw problems.invalidField('password', `Use at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  if (
    fault === 'password-composition-required' &&
    !(/[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password) && /[^\w\s]/.test(password))
  ) {
    throw problems.invalidField('password', 'Mix upper case, lower case, digits and symbols.');
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase()) && fault !== 'common-passwords-allowed') {
    throw problems.invalidField('password', 'This password is too common; choose another.');
  }
}

export const hashPassword = (password: string): Promise<string> => hash(password, HASH_OPTIONS);

// verified against when the email is unknown, so both refusals cost one hash
const dummyHash = hashPassword('not the password of anyone');

/** Verifies `password` against `passwordHash`, or against a dummy hash (always false) when there is none. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  const isValid = await verify(passwordHash ?? (await dummyHash), password);
  return passwordHash !== undefined && isValid;
}
