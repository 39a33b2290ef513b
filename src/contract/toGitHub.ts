import { coverageLine } from './coverage';
import type { ContractReport } from './types';

const marks = { passed: '✅', failed: '❌', warning: '⚠️', skipped: '⏭️', error: '💥' } as const;

/** The report as a Markdown table, for a GitHub Actions job summary ($GITHUB_STEP_SUMMARY). */
export function toStepSummary(report: ContractReport): string {
  const { passed, failed, warning, skipped, error } = report.summary;
  const rows = report.checks.map((check) => {
    const what = check.reason ?? check.findings[0]?.message ?? '';
    return `| ${marks[check.outcome]} | \`${check.id}\` | ${cell(check.title)} | ${cell(what)} |`;
  });
  return [
    `### rpa-mock verify: ${cell(report.baseUrl)} (environment '${cell(report.environment)}')`,
    '',
    `${passed} passed, ${failed} failed, ${warning} with warnings, ${skipped} skipped, ${error} could not run.`,
    '',
    `${cell(coverageLine(report.coverage))}.`,
    '',
    '| | check | what | first finding |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** One `::error` workflow command per failed check, and `::warning` per check that could not run: GitHub annotates the run with them. */
export function toAnnotations(report: ContractReport): string {
  return report.checks
    .filter((check) => check.outcome === 'failed' || check.outcome === 'error')
    .map((check) => {
      const level = check.outcome === 'failed' ? 'error' : 'warning';
      const message = check.reason ?? check.findings.find((f) => f.severity === 'failure')?.message ?? check.title;
      return `::${level} title=${property(`rpa-mock verify ${check.id}`)}::${data(message)}\n`;
    })
    .join('');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

// Workflow commands escape these, as GitHub's toolkit does.
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
