import { createHmac } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The parameters of a TOTP generator (RFC 6238): a shared secret and how codes are made from it. */
export interface TotpParameters {
  /** The shared secret, as raw bytes. */
  secret: Uint8Array;
  /** Code length: 6 unless the otpauth URI says otherwise. */
  digits: number;
  /** Seconds per time step: 30 unless the otpauth URI says otherwise. */
  periodSeconds: number;
  algorithm: 'sha1' | 'sha256' | 'sha512';
}

/** Decodes RFC 4648 base32 (case and padding ignored); undefined when a character is not base32. */
export function decodeBase32(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return bytes.length === 0 ? undefined : Uint8Array.from(bytes);
}

/**
 * Reads the TOTP parameters from a base32 secret or an `otpauth://totp/…?secret=…` URI (Google
 * Authenticator's key-URI format); undefined when it is neither.
 * @example readTotpParameters('otpauth://totp/Acme:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme')
 */
export function readTotpParameters(secretOrUri: string): TotpParameters | undefined {
  let secretText = secretOrUri;
  let digits = 6;
  let periodSeconds = 30;
  let algorithm: TotpParameters['algorithm'] = 'sha1';
  if (/^otpauth:/i.test(secretOrUri)) {
    let uri: URL;
    try {
      uri = new URL(secretOrUri);
    } catch {
      return undefined;
    }
    if (uri.host.toLowerCase() !== 'totp') return undefined;
    secretText = uri.searchParams.get('secret') ?? '';
    digits = Number(uri.searchParams.get('digits') ?? 6);
    periodSeconds = Number(uri.searchParams.get('period') ?? 30);
    const named = (uri.searchParams.get('algorithm') ?? 'SHA1').toLowerCase();
    if (named !== 'sha1' && named !== 'sha256' && named !== 'sha512') return undefined;
    algorithm = named;
    if (!Number.isInteger(digits) || digits < 6 || digits > 10) return undefined;
    if (!Number.isInteger(periodSeconds) || periodSeconds < 1) return undefined;
  }
  const secret = decodeBase32(secretText);
  return secret === undefined ? undefined : { secret, digits, periodSeconds, algorithm };
}

/** The time step `atMs` falls in. */
export function totpStep(parameters: TotpParameters, atMs: number = Date.now()): number {
  return Math.floor(atMs / 1000 / parameters.periodSeconds);
}

/**
 * The TOTP code for one time step (RFC 6238, HOTP of RFC 4226 over the step number).
 * @example totpCode(parameters, totpStep(parameters) + 1) // the next step's code
 */
export function totpCode(parameters: TotpParameters, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac(parameters.algorithm, parameters.secret).update(counter).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** parameters.digits).padStart(parameters.digits, '0');
}
