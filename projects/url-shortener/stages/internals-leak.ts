import { type Failure, fail, findSecrets, type HttpResponse } from '@groundwork/grader';

/** What an error body must not show a client: how the server is built inside. */
const LEAK_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\s*at\s+\S.*(?::\d+:\d+\)?|\((?:native|<anonymous>)\))\s*$/m, 'a stack-trace line'],
  [/Traceback \(most recent call last\)/, 'a Python traceback'],
  [
    /(?:^|[\s"'(=])(?:file:\/\/)?(?:\/[\w.@+-]+)+\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|php|cs|rs|exs?|scala)\b/m,
    'a file path',
  ],
  [/\b[A-Za-z]:\\(?:[\w.@+-]+\\)*[\w.@+-]+\.\w+/, 'a file path'],
  [/\bnode_modules\b|\bsite-packages\b|\bvendor\/bundle\b/, 'a file path'],
  [/\b(?:[A-Z][a-z0-9]+)+(?:Error|Exception)\b/, 'an exception name'],
];

/**
 * The first stack trace, file path or exception name in a response body (JSON strings are read decoded,
 * so an escaped `\n    at …` counts), or undefined.
 * @example findInternalsLeak(res) // { what: 'a stack-trace line', excerpt: 'at Parser.fn (/app/lib/parser.js:3:12)' }
 */
export function findInternalsLeak(res: HttpResponse): { what: string; excerpt: string } | undefined {
  const text = [res.text(), ...collectStrings(res.json())].join('\n');
  for (const [pattern, what] of LEAK_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { what, excerpt: match[0].trim().slice(0, 100) };
  }
  const [stackTrace] = findSecrets(text).filter((secret) => secret.kind === 'stack-trace');
  return stackTrace ? { what: stackTrace.description, excerpt: stackTrace.excerpt } : undefined;
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(collectStrings);
}

/** A failure when the response shows internals, naming what leaked. */
export function internalsLeakFailure(res: HttpResponse, request: string): Failure | undefined {
  const leak = findInternalsLeak(res);
  if (!leak) return undefined;
  return fail({
    expected: 'an error without stack traces, file paths or exception names',
    actual: `${leak.what}: "${leak.excerpt}"`,
    hint: `${request} answered an error that shows ${leak.what} ("${leak.excerpt}"), but clients should only see a plain message: log the details on the server instead.`,
    exchange: res.exchange,
  });
}
