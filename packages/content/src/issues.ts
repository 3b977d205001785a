import type { ContentIssue } from '@groundwork/contracts';
import type { z } from 'zod';

/**
 * Formats a path the way authors read it: `resources[1].url`.
 * @example formatFieldPath(['resources', 1, 'url']) // 'resources[1].url'
 */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field === '' ? String(key) : `.${String(key)}`;
  }
  return field;
}

/** Builds an issue, leaving `field` out when there is none (exactOptionalPropertyTypes). */
export function makeIssue(file: string, field: string | undefined, message: string): ContentIssue {
  return field === undefined || field === '' ? { file, message } : { file, field, message };
}

/** Turns zod's issues for one file into content issues, one per problem, with author-friendly wording. */
export function issuesFromZod(file: string, error: z.ZodError, input: unknown): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push(makeIssue(file, formatFieldPath([...issue.path, key]), 'is not a known field'));
      }
      continue;
    }
    const isMissing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    issues.push(makeIssue(file, formatFieldPath(issue.path), isMissing ? 'is required' : issue.message));
  }
  return issues;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Orders issues by file, then field, so reports and tests read the same every run. */
export function sortIssues(issues: ContentIssue[]): ContentIssue[] {
  return [...issues].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      compareText(a.field ?? '', b.field ?? '') ||
      compareText(a.message, b.message),
  );
}

/** Code-unit comparison: stable across locales and Node versions, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
