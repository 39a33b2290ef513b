import type { ContractReport } from '../types';

/** What a calibration leaves as it is, said beside the overlay: documented fields missing, checks that could not run. */
export function notesOf(report: ContractReport): string[] {
  const notes: string[] = [];
  const missing = new Set(
    report.checks.flatMap((check) =>
      check.findings.filter((f) => f.rule === 'required' && !f.inferred).map((f) => f.pointer!.replace(/\/\d+\//g, '/*/')),
    ),
  );
  for (const pointer of missing) notes.push(`documented field missing at ${pointer}: it stays required, so verify keeps failing on it`);
  for (const check of report.checks) if (check.outcome === 'error') notes.push(`${check.id} could not run: ${check.reason}`);
  return notes;
}

/** What the sample, verified again with the overlay, still breaks: each root cause and kind of finding once. */
export function unlearnedOf(replayed: ContractReport): string[] {
  const failing = (severity: string) => severity === 'failure';
  const causes = replayed.rootCauses
    .filter((cause) => failing(cause.severity))
    .map((cause) => `${cause.message} (${cause.inferred ? 'x-inferred' : 'documented'})`);
  const findings = replayed.checks.flatMap((check) =>
    check.findings
      .filter((finding) => failing(finding.severity) && finding.cause === undefined)
      .map((finding) => `${finding.message.replace(/\/\d+(?=\/|\s|$)/g, '/*')} (${finding.inferred ? 'x-inferred' : 'documented'})`),
  );
  return [...new Set([...causes, ...findings])];
}
