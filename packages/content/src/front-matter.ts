import { parseDocument } from 'yaml';

export type FrontMatterResult =
  | { ok: true; data: unknown; body: string }
  | { ok: false; message: string; line?: number };

const FENCE = '---';

/**
 * Splits a Markdown file into its YAML front matter (between two `---` lines at the top) and its body.
 * @example splitFrontMatter('---\nid: http\n---\nText') // { ok: true, data: { id: 'http' }, body: 'Text' }
 */
export function splitFrontMatter(text: string): FrontMatterResult {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0]?.trimEnd() !== FENCE) {
    return { ok: false, message: 'must start with YAML front matter between two "---" lines', line: 1 };
  }
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === FENCE);
  if (end === -1) return { ok: false, message: 'front matter has no closing "---" line', line: 1 };

  const parsed = parseYaml(lines.slice(1, end).join('\n'), 1);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    data: parsed.data,
    body: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
  };
}

/**
 * Parses one YAML document; `lineOffset` shifts reported line numbers to the enclosing file's.
 * @example parseYaml('a: 1') // { ok: true, data: { a: 1 } }
 */
export function parseYaml(
  source: string,
  lineOffset = 0,
): { ok: true; data: unknown } | { ok: false; message: string; line?: number } {
  const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const line = error.linePos?.[0].line;
    // the first line, without the "at line 3, column 8:" that the field already says
    const firstLine = (error.message.split('\n')[0] ?? error.message).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    const message = `YAML error: ${firstLine}${looksLikeUnquotedColon(firstLine) ? ' (quote strings that contain ": ")' : ''}`;
    return line === undefined ? { ok: false, message } : { ok: false, message, line: line + lineOffset };
  }
  return { ok: true, data: document.toJS() };
}

function looksLikeUnquotedColon(message: string): boolean {
  return /mapping values|Nested mappings|Implicit map keys/i.test(message);
}
