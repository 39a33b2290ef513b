import type { RootCause } from './diagnose/rootCause';
import type { CheckOutcome, CheckResult, ContractReport, Finding } from './types';
import { coverageLine } from './coverage';

const marks: Record<CheckOutcome, string> = { passed: 'ok  ', failed: 'FAIL', warning: 'warn', skipped: 'skip', error: 'ERR ' };

/** How much of each kind the compact report shows; `--verbose` shows everything. */
const compact = { examplesPerCause: 3, findingGroups: 6 };

/**
 * One line per check, the root causes (each once, with a few examples), the other findings, then
 * the summary with the provenance of what failed. Compact by default: about 50 lines whatever the
 * server got wrong; `verbose` lists every instance.
 */
export function formatReport(report: ContractReport, { verbose = false }: { verbose?: boolean } = {}): string {
  const lines = [`rpa-mock verify ${report.baseUrl} (environment '${report.environment}')`, ''];
  const idWidth = Math.max(0, ...report.checks.map((check) => check.id.length));
  for (const check of report.checks) lines.push(checkLine(check, idWidth));
  if (report.rootCauses.length > 0) {
    lines.push('', `Root causes, each named once${verbose ? '' : ' (--verbose lists every instance)'}:`);
    report.rootCauses.forEach((cause, i) => lines.push(...formatCause(cause, i + 1, verbose)));
  }
  const groups = report.checks.flatMap((check) =>
    groupFindings(check.findings.filter((f) => f.cause === undefined)).map((g) => ({ check, ...g })),
  );
  if (groups.length > 0) {
    lines.push('', 'Findings:');
    const shown = verbose ? groups : groups.slice(0, compact.findingGroups);
    let previous: CheckResult | undefined;
    for (const group of shown) {
      if (group.check !== previous) lines.push(`${group.check.id}: ${group.check.title}`);
      previous = group.check;
      lines.push(...formatFinding(group.finding, group.more, verbose));
    }
    if (shown.length < groups.length) lines.push(`   … ${groups.length - shown.length} more kinds of finding (--verbose lists them)`);
  }
  const { passed, failed, warning, skipped, error } = report.summary;
  lines.push(
    '',
    `${passed} passed, ${failed} failed, ${warning} with warnings, ${skipped} skipped, ${error} could not run, in ${(report.durationMs / 1000).toFixed(1)} s`,
    coverageLine(report.coverage),
    ...provenanceLines(
      report,
      groups.map((g) => g.finding),
    ),
  );
  return `${lines.join('\n')}\n`;
}

function checkLine(check: CheckResult, idWidth: number): string {
  const own = check.findings.filter((f) => f.cause === undefined);
  const causes = check.findings.filter((f) => f.cause !== undefined).length;
  const parts = [own.length > 0 ? countOf(own) : '', causes > 0 ? `${causes} root cause${causes === 1 ? '' : 's'}` : ''].filter(Boolean);
  const extra = check.reason ? `: ${check.reason}` : parts.length > 0 ? ` (${parts.join('; ')})` : '';
  return `${marks[check.outcome]} ${check.id.padEnd(idWidth)} ${check.title}${extra}`;
}

function formatCause(cause: RootCause, n: number, verbose: boolean): string[] {
  const mark = cause.severity === 'failure' ? '✗' : '!';
  const lines = [`${n}) ${mark} ${cause.message} (${cause.inferred ? 'x-inferred' : 'documented'})`];
  const examples = verbose ? cause.examples : cause.examples.slice(0, compact.examplesPerCause);
  const rest = cause.examples.length - examples.length;
  if (examples.length > 0) lines.push(`     ${examples.join('; ')}${rest > 0 ? `; … and ${rest} more` : ''}`);
  if (verbose) lines.push(`     seen by: ${cause.checks.join(', ')}`);
  return lines;
}

function formatFinding(finding: Finding, more: number, verbose: boolean): string[] {
  const mark = finding.severity === 'failure' ? '✗' : '!';
  const lines = [
    `   ${mark} ${finding.message}${finding.rule ? ` [rule: ${finding.rule}]` : ''}${provenanceOf(finding)}${more > 0 ? ` (and ${more} more like it)` : ''}`,
  ];
  if (finding.expected !== undefined || 'actual' in finding) {
    lines.push(`     expected: ${cut(finding.expected ?? '-')}; actual: ${'actual' in finding ? show(finding.actual) : 'missing'}`);
  }
  if (finding.hint) lines.push(`     hint: ${finding.hint}`);
  if (finding.request && verbose) lines.push(`     ${finding.request}`);
  return lines;
}

/** Rules that are the kit's own observations, not the spec's: they have no provenance. */
const unprovenanced = new Set(['extra-field', 'empty', 'coverage', 'paging']);

/** Where the broken rule comes from: the documentation, or a choice the spec made (x-inferred). */
function provenanceOf(finding: Finding): string {
  if (finding.inferred) return ' (x-inferred)';
  return finding.rule && unprovenanced.has(finding.rule) ? '' : ' (documented)';
}

/** How many of the departures are on documented parts and how many on inferred ones, and what to do about the latter. */
function provenanceLines(report: ContractReport, findings: Finding[]): string[] {
  const departures = [...report.rootCauses, ...findings].filter((d) => d.severity === 'failure');
  if (departures.length === 0) return [];
  const inferred = departures.filter((d) => d.inferred).length;
  const documented = departures.length - inferred;
  const lines = [
    `Departures: ${documented} on documented parts of the contract, ${inferred} on inferred parts (x-inferred: the documentation did not settle them).`,
  ];
  if (documented === 0 && report.summary.failed > 0) {
    lines.push(
      'Only inferred parts fail (the spec guessed where the documentation is silent): run `rpa-mock calibrate --base-url … --out tenant.overlay.yaml`, then verify with `--overlay tenant.overlay.yaml` (or pass --inferred warn).',
    );
  }
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

/** A value as it appears in a report: JSON, cut at 120 characters (the JSON report keeps it whole). */
export function show(value: unknown): string {
  return cut(value === undefined ? 'missing' : (JSON.stringify(value) ?? String(value)));
}

function cut(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
