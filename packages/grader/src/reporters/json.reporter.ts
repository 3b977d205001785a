import type { GradingReport } from '@groundwork/contracts';

/**
 * The report as JSON (schemaVersion 1, validated by `GradingReport` in @groundwork/contracts).
 * @example await writeFile('report.json', renderJsonReport(report));
 */
export function renderJsonReport(report: GradingReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
