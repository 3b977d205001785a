import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const { source: AXE_SOURCE } = require('axe-core') as { source: string };

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core in the page (WCAG 2 A and AA rules) and returns the serious and critical violations,
 * each with the elements at fault, so a failing test names what to fix.
 */
export async function findSeriousViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol: an injected <script> would be (rightly) blocked by the CSP
  await page.evaluate(AXE_SOURCE);
  // a string, not a function: the callback runs in the browser, where these tests have no DOM types
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      })))
  `)) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
