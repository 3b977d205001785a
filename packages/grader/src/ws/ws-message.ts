import type { WsMessage, WsTranscriptEntry } from './types';

const TRANSCRIPT_TEXT_CHARS = 200;

/** A received frame, its JSON parsed once and only when asked for. */
export function createMessage(data: Buffer, isBinary: boolean, atMs: number): WsMessage {
  let parsed: { value: unknown } | undefined;
  return {
    data,
    isBinary,
    atMs,
    text: () => data.toString('utf8'),
    json<T>() {
      if (!parsed) {
        try {
          parsed = { value: isBinary ? undefined : JSON.parse(data.toString('utf8')) };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value as T | undefined;
    },
  };
}

/** The transcript as text, one line per entry: `120 ms ← {"type":"joined"}`. */
export function renderLines(lines: readonly WsTranscriptEntry[]): string {
  const arrow = { sent: '→', received: '←', event: '·' } as const;
  return lines
    .map((entry) => `${Math.round(entry.atMs)} ms ${arrow[entry.direction]} ${entry.text}`)
    .join('\n');
}

/** Rounds to hundredths of a millisecond. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** The start of what was sent, for the transcript. */
export function preview(payload: string | Uint8Array): string {
  if (typeof payload !== 'string') return `[${payload.length} bytes binary]`;
  return payload.length > TRANSCRIPT_TEXT_CHARS ? `${payload.slice(0, TRANSCRIPT_TEXT_CHARS)}…` : payload;
}

/** The start of a received text frame, decoded only as far as the transcript shows it. */
export function previewReceived(data: Buffer): string {
  const decodedBytes = TRANSCRIPT_TEXT_CHARS * 4;
  const text = data.subarray(0, decodedBytes).toString('utf8');
  return text.length > TRANSCRIPT_TEXT_CHARS || data.length > decodedBytes
    ? `${text.slice(0, TRANSCRIPT_TEXT_CHARS)}…`
    : text;
}
