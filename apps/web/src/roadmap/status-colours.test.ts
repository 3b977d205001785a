/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOPIC_STATUSES } from './roadmap.types';

// The graph colours each topic by status (index.css): every status must look different from the others,
// and a topic's title and mark must stay readable on its background, in both themes (WCAG 2.1).

function variablesOf(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return new Map(
    [...block.matchAll(/--(gw-[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

// read as a file: Vite hands tests an empty string for CSS modules
const css = readFileSync(join(import.meta.dirname, '../index.css'), 'utf8');

describe.each([
  ['light', ':root'],
  ['dark', '.dark'],
])('status colours in the %s theme', (_theme, selector) => {
  const vars = variablesOf(selector);
  const colour = (name: string) => {
    const value = vars.get(name);
    if (!value) throw new Error(`index.css defines no --${name} under ${selector}`);
    return value;
  };

  it('gives every status its own background and mark', () => {
    const backgrounds = TOPIC_STATUSES.map((status) => colour(`gw-status-${status}-bg`));
    const marks = TOPIC_STATUSES.filter((s) => s !== 'todo').map((status) =>
      colour(`gw-status-${status}-mark`),
    );
    expect(new Set(backgrounds.filter((_, i) => TOPIC_STATUSES[i] !== 'todo')).size).toBe(4);
    expect(new Set(marks).size).toBe(4);
  });

  it.each(TOPIC_STATUSES)('keeps a %s topic readable: title 4.5:1, mark 3:1', (status) => {
    const background = colour(`gw-status-${status}-bg`);
    expect(contrast(colour('gw-fg'), background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour(`gw-status-${status}-mark`), background)).toBeGreaterThanOrEqual(3);
  });
});
