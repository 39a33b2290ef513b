import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { baseUrlOf, readIonApi } from '../credentials/ionApi';
import { tokenSourceFor } from '../credentials/tokenSource';
import { maskSecrets } from '../credentials/maskSecrets';
import { defaultContractOptions } from '../contract/options';
import { refuseUrlCredentials } from '../credentials/refuseUrlCredentials';
import { SetupError } from '../errors/setupError';
import type { ContractReport } from '../contract/types';
import { tenantOptions, type TenantFlags } from './tenantOptions';

interface CalibrateFlags extends TenantFlags {
  baseUrl?: string;
  environment: string;
  allowExecute?: boolean;
  spec: string;
  out: string;
}

/** `rpa-mock calibrate`: samples a tenant and writes an overlay adapting the spec to what it serves. */
export function calibrateCommand(): Command {
  const command = new Command('calibrate')
    .description(
      'Sample a tenant with read-only requests and write an OpenAPI Overlay 1.0 document adapting the spec to what it serves, each action with its evidence: on every part the documentation left open (x-inferred) it learns the least general schema that accepts every answer sampled (wire names, envelope, paging, types and shapes, formats, values, nullability and fields left out, summary list items, extra fields, error media types and bodies). It never tightens the spec and never loosens a documented fact. Then it checks the overlay against the sample. Exit 0: the overlay accepts every answer; 1: some departures could not be learned (listed); 2: nothing to learn from (an error body for an answer, an empty environment), or a check could not run. Use the overlay with verify/serve --overlay.',
    )
    .addOption(new Option('--base-url <url>', 'API base, up to /api/v1 (default with --ionapi: iu/ti/RPA)').env('RPA_BASE_URL'))
    .addOption(new Option('--environment <name>', 'environment whose jobs are sampled').default(defaultContractOptions.environment))
    .addOption(new Option('--allow-execute', 'also execute a job, and _execute an unknown id (off: only read-only requests are sent)'))
    .addOption(new Option('--out <file>', 'where to write the overlay (YAML)').makeOptionMandatory())
    .action(async (flags: CalibrateFlags) => {
      process.exitCode = await calibrate(flags);
    });
  for (const option of tenantOptions({ spec: 'OpenAPI 3.1 document to calibrate' })) command.addOption(option);
  return command;
}

async function calibrate(flags: CalibrateFlags): Promise<number> {
  // Loaded here, not at the top: `--help` and a refused flag do not pay for the checks' modules.
  const { calibrateTenant }: typeof import('../contract/calibrate/calibrateTenant') = require('../contract/calibrate/calibrateTenant');
  const { stringify }: typeof import('yaml') = require('yaml');
  if (flags.baseUrl !== undefined) refuseUrlCredentials(flags.baseUrl, '--base-url (or RPA_BASE_URL)');
  const credentials = flags.ionapi ? await readIonApi(flags.ionapi) : undefined;
  const baseUrl = flags.baseUrl ?? (credentials ? baseUrlOf(credentials) : undefined);
  if (!baseUrl) throw new SetupError('calibrate needs --base-url (or RPA_BASE_URL, or an --ionapi file)');
  await mkdir(path.dirname(path.resolve(flags.out)), { recursive: true });
  const tokens = tokenSourceFor(credentials, flags.token, flags.timeout);
  const secrets = tokens?.secrets ?? [];
  const { overlay, report, notes, unlearned } = await calibrateTenant({
    baseUrl,
    environment: flags.environment,
    tokenSource: tokens,
    maxJobs: flags.maxJobs,
    maxPages: flags.maxPages,
    concurrency: flags.concurrency,
    allowExecute: flags.allowExecute === true,
    timeoutMs: flags.timeout,
    retries: flags.retries,
    specPath: flags.spec,
  });
  await writeFile(flags.out, maskSecrets(stringify(overlay, { lineWidth: 0 }), secrets));
  const lines = [
    `rpa-mock calibrate ${report.baseUrl} (environment '${report.environment}'): ${overlay.actions.length} actions written to ${flags.out}, learned from ${sampleOf(report)}`,
    ...report.rootCauses
      .filter((cause) => !unlearned?.some((rest) => rest.startsWith(cause.message)))
      .map((cause) => `  adapted: ${cause.message}`),
    ...notes.map((note) => `  note: ${note}`),
    ...(unlearned ?? []).map((rest) => `  not learned: ${rest}`),
    unlearned === undefined
      ? `The sample was too large to check the overlay against. Next: rpa-mock verify --base-url ${report.baseUrl} --overlay ${flags.out}`
      : unlearned.length > 0
        ? `The overlay does not accept everything this tenant sent (above): verify --overlay will still fail there.`
        : `The overlay accepts every answer sampled. Next: rpa-mock verify --base-url ${report.baseUrl} --overlay ${flags.out}`,
  ];
  process.stdout.write(maskSecrets(`${lines.join('\n')}\n`, secrets));
  if (report.checks.some((check) => check.outcome === 'error')) return 2;
  return unlearned !== undefined && unlearned.length > 0 ? 1 : 0;
}

function sampleOf(report: ContractReport): string {
  const { jobs, jobsById, processes } = report.sampled;
  return `${jobs} jobs listed, ${jobsById} fetched by id, ${processes} processes`;
}
