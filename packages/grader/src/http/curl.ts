/** What is needed to reproduce a request with curl. */
export interface CurlInput {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string | Uint8Array | undefined;
}

const PLAIN_METHOD = /^[A-Z]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we look for
const CONTROL_CHARS = /[\x00-\x08\x0b-\x1f\x7f]/;
const CURL_GLOB_CHARS = /[[\]{}]/;
/** Headers curl sets itself, or that only make sense for the grader. */
const OMITTED_HEADERS = new Set(['user-agent', 'content-length', 'host', 'connection']);

/**
 * Quotes one argument for a POSIX shell (bash, zsh): single quotes, or ANSI-C `$'…'` quoting when the
 * value holds control characters that single quotes would paste badly.
 * @example quoteShellArgument("it's") // => 'it'\''s'
 */
export function quoteShellArgument(value: string): string {
  if (CONTROL_CHARS.test(value)) return quoteAnsiC(value);
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function quoteAnsiC(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === "'") out += "\\'";
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `$'${out}'`;
}

/**
 * Renders a request as a curl command the learner can paste into a terminal. Redirects are not
 * followed (no `-L`), as the grader does not follow them either; `-i` shows the status and headers.
 * @example renderCurl({ method: 'POST', url: 'http://localhost:8080/links', headers: { 'content-type': 'application/json' }, body: '{"url":"https://example.com"}' })
 * // => curl -i -X POST 'http://localhost:8080/links' -H 'content-type: application/json' --data-raw '{"url":"https://example.com"}'
 */
export function renderCurl(input: CurlInput): string {
  const method = input.method.toUpperCase();
  const parts = ['curl'];
  if (method === 'HEAD') parts.push('-I');
  else parts.push('-i');
  if (method !== 'GET' && method !== 'HEAD') {
    parts.push('-X', PLAIN_METHOD.test(method) ? method : quoteShellArgument(method));
  }
  if (CURL_GLOB_CHARS.test(input.url)) parts.push('--globoff');
  parts.push(quoteShellArgument(input.url));
  for (const [name, value] of Object.entries(input.headers)) {
    if (OMITTED_HEADERS.has(name.toLowerCase())) continue;
    parts.push('-H', quoteShellArgument(`${name}: ${value}`));
  }
  if (input.body !== undefined && input.body.length > 0) {
    const text = typeof input.body === 'string' ? input.body : Buffer.from(input.body).toString('utf8');
    parts.push('--data-raw', quoteShellArgument(text));
  }
  return parts.join(' ');
}
