import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from our clock, either way, before it counts as a replay. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** `Webhook-Timestamp` as Unix seconds; undefined when it is missing or not a whole number. */
export function parseTimestamp(header: string | undefined): number | undefined {
  return header !== undefined && /^\d{1,12}$/.test(header) ? Number(header) : undefined;
}

/** The delivery was signed within the tolerance of `nowMs`, in the past or the future. */
export function isTimestampFresh(timestamp: number, nowMs: number): boolean {
  return Math.abs(nowMs / 1000 - timestamp) <= WEBHOOK_TOLERANCE_SECONDS;
}

/**
 * True when one of the header's `v1=<hex>` signatures is HMAC-SHA256(secret, `${timestamp}.${rawBody}`).
 * The raw bytes are signed, not a re-serialised object (key order and spacing would differ), and the
 * comparison takes the same time wherever the first wrong byte is, so timing leaks nothing.
 * @example isSignatureValid(secret, 1767225600, Buffer.from('{"id":"evt_1"}'), 'v1=5d41…')
 */
export function isSignatureValid(
  secret: string,
  timestamp: number,
  rawBody: Buffer,
  header: string | undefined,
): boolean {
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  // several signatures may come at once while the provider rotates its secret
  const signatures = (header ?? '')
    .split(/[\s,]+/)
    .filter((part) => part.startsWith('v1='))
    .map((part) => Buffer.from(part.slice('v1='.length), 'hex'));
  return signatures.some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
