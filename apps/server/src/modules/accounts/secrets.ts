import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret with 256 bits of entropy. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a high-entropy secret. Enough for session ids and access tokens (unlike passwords,
 * they cannot be guessed), and it makes a leaked table useless for signing in.
 */
export function hashSecret(secret: string): string {
  // the one-shot hash() skips building a Hash object: it runs on every authenticated request
  return hash('sha256', secret, 'hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
