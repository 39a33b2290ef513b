import type { CheckOutcome, ContractReport, Finding } from './types';

const marks: Record<CheckOutcome, string> = { passed: 'ok  ', failed: 'FAIL', warning: 'warn', skipped: 'skip', error: 'ERR ' };

/** One line per check, a summary, then the details of each failure and warning. */
export function formatReport(report: ContractReport): string {
  const lines = [`rpa-mock verify ${report.baseUrl} (environment '${report.environment}')`, ''];
  const idWidth = Math.max(0, ...report.checks.map((check) => check.id.length));
  for (const check of report.checks) {
    const extra = check.reason ? `: ${check.reason}` : check.findings.length > 0 ? ` (${countOf(check.findings)})` : '';
    lines.push(`${marks[check.outcome]} ${check.id.padEnd(idWidth)} ${check.title}${extra}`);
  }
  const { passed, failed, warning, skipped, error } = report.summary;
  lines.push(
    '',
    `${passed} passed, ${failed} failed, ${warning} with warnings, ${skipped} skipped, ${error} could not run, in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  const detailed = report.checks.filter((check) => check.findings.length > 0);
  detailed.forEach((check, i) => {
    lines.push('', `${i + 1}) ${check.id}: ${check.title}`);
    for (const group of groupFindings(check.findings)) lines.push(...formatFinding(group.finding, group.more));
  });
  if (report.checks.some((check) => check.findings.some((f) => f.inferred))) {
    lines.push('', '(x-inferred) the documentation did not settle this part of the contract: check the spec as well as the server.');
  }
  return `${lines.join('\n')}\n`;
}

function formatFinding(finding: Finding, more: number): string[] {
  const mark = finding.severity === 'failure' ? '✗' : '!';
  const lines = [
    `   ${mark} ${finding.message}${finding.rule ? ` [rule: ${finding.rule}]` : ''}${finding.inferred ? ' (x-inferred)' : ''}${more > 0 ? ` (and ${more} more like it)` : ''}`,
  ];
  if (finding.expected !== undefined || 'actual' in finding) {
    lines.push(`     expected: ${finding.expected ?? '-'}; actual: ${'actual' in finding ? show(finding.actual) : 'missing'}`);
  }
  if (finding.hint) lines.push(`     hint: ${finding.hint}`);
  if (finding.request) lines.push(`     ${finding.request}`);
  return lines;
}

/** Findings that differ only in an array index (the same break in 20 jobs) are shown once. */
function groupFindings(findings: Finding[]): { finding: Finding; more: number }[] {
  const groups = new Map<string, { finding: Finding; more: number }>();
  for (const finding of findings) {
    const key = [
      finding.severity,
      finding.rule,
      (finding.pointer ?? '').replace(/\/\d+(?=\/|$)/g, '/*'),
      finding.message.replace(/\/\d+(?=\/|\s|$)/g, '/*').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>'),
    ].join('|');
    const group = groups.get(key);
    if (group) group.more += 1;
    else groups.set(key, { finding, more: 0 });
  }
  return [...groups.values()];
}

function countOf(findings: Finding[]): string {
  const failures = findings.filter((f) => f.severity === 'failure').length;
  const warnings = findings.length - failures;
  return [
    failures ? `${failures} failure${failures === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** A value as it appears in a report: JSON, cut at 120 characters. */
export function show(value: unknown): string {
  const text = value === undefined ? 'missing' : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
