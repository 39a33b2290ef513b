import { escapeXml as xml } from '../text/escapeXml';
import { show } from './formatReport';
import type { ContractReport, Finding } from './types';

/** The report as JUnit XML, which CI systems show as tests: one test case per check. */
export function toJUnit(report: ContractReport): string {
  const { passed, failed, warning, skipped, error } = report.summary;
  const total = passed + failed + warning + skipped + error;
  const cases = report.checks.map((check) => {
    const open = `    <testcase classname="rpa-mock.verify.${xml(check.operationId)}" name="${xml(`${check.id}: ${check.title}`)}" time="${(check.durationMs / 1000).toFixed(3)}"`;
    const body: string[] = [];
    if (check.outcome === 'skipped') body.push(`      <skipped message="${xml(check.reason ?? '')}"/>`);
    if (check.outcome === 'error') body.push(`      <error message="${xml(check.reason ?? '')}"/>`);
    const failures = check.findings.filter((f) => f.severity === 'failure');
    if (failures.length > 0) {
      body.push(
        `      <failure message="${xml(failures[0]!.message)}" type="contract">${xml(failures.map(describe).join('\n\n'))}</failure>`,
      );
    }
    const warnings = check.findings.filter((f) => f.severity === 'warning');
    if (warnings.length > 0) body.push(`      <system-out>${xml(warnings.map(describe).join('\n\n'))}</system-out>`);
    return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rpa-mock verify" tests="${total}" failures="${failed}" errors="${error}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(`contract of ${report.baseUrl}`)}" tests="${total}" failures="${failed}" errors="${error}" skipped="${skipped}" timestamp="${report.startedAt}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function describe(finding: Finding): string {
  return [
    `${finding.message}${finding.rule ? ` [rule: ${finding.rule}]` : ''}${finding.inferred ? ' (x-inferred: the documentation did not settle this)' : ''}`,
    finding.expected !== undefined || 'actual' in finding ? `expected: ${finding.expected ?? '-'}; actual: ${show(finding.actual)}` : '',
    finding.hint ? `hint: ${finding.hint}` : '',
    finding.request ?? '',
  ]
    .filter(Boolean)
    .join('\n');
}
