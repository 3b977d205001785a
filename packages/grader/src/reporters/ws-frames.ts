import type { RecordedExchange, RecordedFrame } from '@groundwork/contracts';

const ARROWS: Record<RecordedFrame['direction'], string> = { sent: '→', received: '←', event: '·' };
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Whether a code point must not reach a terminal or an XML file as itself: C0 and C1 controls (ESC and
 * the one-byte CSI start escape sequences), DEL, line and paragraph separators, bidi overrides (which
 * reorder what the reader sees) and lone surrogates.
 */
function isUnsafe(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x2028 && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff)
  );
}

/**
 * Makes text a server chose safe to print on one line: control characters become visible escapes, so a
 * frame cannot colour, move the cursor, clear the screen or start a new line.
 * @example escapeControlChars('a\u001b[31mb\n') // => 'a\\x1b[31mb\\n'
 */
export function escapeControlChars(text: string): string {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (!isUnsafe(codePoint)) out += char;
    else if (NAMED_ESCAPES[char]) out += NAMED_ESCAPES[char];
    else if (codePoint <= 0xff) out += `\\x${codePoint.toString(16).padStart(2, '0')}`;
    else out += `\\u{${codePoint.toString(16)}}`;
  }
  return out;
}

/** The frames of an exchange that has a WebSocket conversation, or undefined for a plain HTTP one. */
export function framesOf(exchange: RecordedExchange | undefined): readonly RecordedFrame[] | undefined {
  return exchange?.frames && exchange.frames.length > 0 ? exchange.frames : undefined;
}

/**
 * One line per frame, times right-aligned, the server's text escaped: `→` sent, `←` received, `·` an
 * event such as the close.
 * @example renderFrameLines([{ direction: 'sent', atMs: 120, text: '{"type":"subscribe"}' }])
 * // => ['120 ms → {"type":"subscribe"}']
 */
export function renderFrameLines(frames: readonly RecordedFrame[]): string[] {
  const times = frames.map((frame) => String(Math.round(frame.atMs)));
  const width = Math.max(0, ...times.map((time) => time.length));
  return frames.map(
    (frame, index) =>
      `${(times[index] ?? '').padStart(width)} ms ${ARROWS[frame.direction]} ${escapeControlChars(frame.text)}`,
  );
}

/**
 * The shell command that reproduces an exchange: websocat for a WebSocket, as curl would only redo the
 * upgrade, and curl otherwise. The grader built and shell-quoted both, so they print as they are.
 * @example reproduceCommand(exchange) // => "websocat 'ws://localhost:8080/chat'"
 */
export function reproduceCommand(exchange: RecordedExchange): string {
  return exchange.websocat ?? exchange.curl;
}
