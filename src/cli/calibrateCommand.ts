import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { ContractReport } from '../contract/types';
import { maskSecrets } from '../credentials/maskSecrets';
import { diffContracts } from '../contract/diff/diffContracts';
import { SetupError } from '../errors/setupError';
import { overlaidSpec } from '../spec/overlay/loadOverlaidSpec';
import { loadSpecBundle } from '../spec/specBundle';
import type { OptionRow } from './optionTable';
import { rowFor } from './sharedRows';
import {
  baseUrlRow,
  requireBaseUrl,
  tenantAccess,
  tenantDefaults,
  tenantOptionsOf,
  tenantRows,
  withRows,
  type TenantOptions,
} from './tenantOptions';
import { calibrateTenant } from '../contract/calibrate/calibrateTenant';
import { stringify } from 'yaml';

interface CalibrateOptions extends TenantOptions {
  out: string | undefined;
  check: string | undefined;
}

/** The flags of calibrate, each declared once (the shared ones in tenantRows and sharedRows). */
const calibrateRows: OptionRow<CalibrateOptions>[] = [
  baseUrlRow<CalibrateOptions>(),
  ...tenantRows<CalibrateOptions>({ environment: 'environment whose jobs are sampled' }),
  {
    key: 'allowExecute',
    flags: '--allow-execute',
    help: 'also execute a job, and _execute an unknown id (off: only read-only requests are sent)',
  },
  rowFor<CalibrateOptions>('specPath', 'OpenAPI 3.1 document to calibrate'),
  rowFor<CalibrateOptions>('out', 'where to write the overlay (YAML); needed unless --check'),
  {
    key: 'check',
    flags: '--check <overlay>',
    help: 'calibrate afresh and compare with this committed overlay through rpa-mock diff: exit 0 when the tenant still matches it, 1 with the changes when it moved',
    isPath: true,
  },
];

/** `rpa-mock calibrate`: samples a tenant and writes an overlay adapting the spec to what it serves. */
export function calibrateCommand(): Command {
  const command = new Command('calibrate')
    .description(
      'Sample a tenant with read-only requests and write an OpenAPI Overlay 1.0 document adapting the spec to what it serves, each action with its evidence: on every part the documentation left open (x-inferred) it learns the least general schema that accepts every answer sampled (wire names, envelope, paging, types and shapes, formats, values, nullability and fields left out, summary list items, extra fields, error media types and bodies). It never tightens the spec and never loosens a documented fact. Then it checks the overlay against the sample. Exit 0: the overlay accepts every answer; 1: some departures could not be learned (listed); 2: nothing to learn from (an error body for an answer, an empty environment), or a check could not run. Use the overlay with verify/serve --overlay.',
    )
    .action(async (_flags: unknown, self: Command) => {
      process.exitCode = await calibrate(tenantOptionsOf(calibrateRows, self, tenantDefaults));
    });
  return withRows(command, calibrateRows, tenantDefaults);
}

async function calibrate(flags: CalibrateOptions): Promise<number> {
  if (!flags.out && !flags.check) throw new SetupError('calibrate needs --out <file> (where to write the overlay), or --check <overlay>');
  // The committed overlay is read before the tenant is sampled: a bad one stops the run at once.
  const committed = flags.check ? await loadSpecBundle(flags.specPath, [flags.check]) : undefined;
  const access = await tenantAccess(flags);
  const baseUrl = requireBaseUrl(access, 'calibrate');
  const { secrets } = access;
  const { overlay, report, notes, unlearned } = await calibrateTenant({ ...flags, baseUrl, token: undefined, tokenSource: access.tokens });
  const text = maskSecrets(stringify(overlay, { lineWidth: 0 }), secrets);
  if (flags.out) {
    await mkdir(path.dirname(path.resolve(flags.out)), { recursive: true });
    await writeFile(flags.out, text);
  }
  const written = flags.out ? `written to ${flags.out}` : 'not written (no --out)';
  const lines = [
    `rpa-mock calibrate ${report.baseUrl} (environment '${report.environment}'): ${overlay.actions.length} actions ${written}, learned from ${sampleOf(report)}`,
    ...report.rootCauses
      .filter((cause) => !unlearned?.some((rest) => rest.startsWith(cause.message)))
      .map((cause) => `  adapted: ${cause.message}`),
    ...notes.map((note) => `  note: ${note}`),
    ...(unlearned ?? []).map((rest) => `  not learned: ${rest}`),
  ];
  if (committed) {
    const fresh = await overlaidSpec(flags.specPath, [{ file: 'the fresh calibration', overlay }]);
    const changes = diffContracts(committed.document, fresh);
    // What the tenant sends now that the committed overlay does not accept is a move; what this sample
    // did not show (a null seen last time) is no news, and the committed overlay still accepts it.
    const moved = changes.filter((change) => change.widens);
    const unseen = changes.filter((change) => !change.widens);
    lines.push(
      moved.length === 0
        ? `The tenant still matches ${flags.check}${unseen.length > 0 ? ` (${unseen.length} of its allowances not seen in this sample, kept)` : ''}.`
        : `The tenant moved since ${flags.check}: ${moved.length} ${moved.length === 1 ? 'change' : 'changes'} the committed overlay does not accept. Review, then commit the fresh calibration${flags.out ? ` (${flags.out})` : ' (rerun with --out)'}.`,
      ...moved.map((change) => `  moved: ${change.id}  ${change.operation}: ${change.message}`),
    );
    process.stdout.write(maskSecrets(`${lines.join('\n')}\n`, secrets));
    if (report.checks.some((check) => check.outcome === 'error')) return 2;
    return moved.length > 0 || (unlearned !== undefined && unlearned.length > 0) ? 1 : 0;
  }
  lines.push(
    unlearned === undefined
      ? `The sample was too large to check the overlay against. Next: rpa-mock verify --base-url ${report.baseUrl} --overlay ${flags.out}`
      : unlearned.length > 0
        ? `The overlay does not accept everything this tenant sent (above): verify --overlay will still fail there.`
        : `The overlay accepts every answer sampled. Next: rpa-mock verify --base-url ${report.baseUrl} --overlay ${flags.out}`,
  );
  process.stdout.write(maskSecrets(`${lines.join('\n')}\n`, secrets));
  if (report.checks.some((check) => check.outcome === 'error')) return 2;
  return unlearned !== undefined && unlearned.length > 0 ? 1 : 0;
}

function sampleOf(report: ContractReport): string {
  const { jobs, jobsById, processes } = report.sampled;
  return `${jobs} jobs listed, ${jobsById} fetched by id, ${processes} processes`;
}
