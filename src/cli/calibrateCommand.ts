import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { baseUrlOf, readIonApi } from '../contract/ionApi';
import { tokenSourceFor } from '../contract/tokenSource';
import { maskSecrets } from '../contract/maskSecrets';
import { defaultContractOptions } from '../contract/options';
import { refuseUrlCredentials } from '../contract/refuseUrlCredentials';
import { SetupError } from '../errors/setupError';
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
      'Sample a tenant with read-only requests and write an OpenAPI Overlay 1.0 document adapting the spec to what it serves (wire names, envelope, enum spellings, number/string types, date-time forms, nullability, summary list items, extra fields, error media types and bodies), each action with its evidence. Documented facts are never loosened. Use it with verify/serve --overlay.',
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
  const { overlay, report, notes } = await calibrateTenant({
    baseUrl,
    environment: flags.environment,
    tokenSource: tokens,
    maxJobs: flags.maxJobs,
    allowExecute: flags.allowExecute === true,
    timeoutMs: flags.timeout,
    retries: flags.retries,
    specPath: flags.spec,
  });
  await writeFile(flags.out, maskSecrets(stringify(overlay, { lineWidth: 0 }), secrets));
  const lines = [
    `rpa-mock calibrate ${report.baseUrl} (environment '${report.environment}'): ${overlay.actions.length} actions written to ${flags.out}`,
    ...report.rootCauses.map((cause) => `  adapted: ${cause.message}`),
    ...notes.map((note) => `  note: ${note}`),
    `Next: rpa-mock verify --base-url ${report.baseUrl} --overlay ${flags.out}`,
  ];
  process.stdout.write(maskSecrets(`${lines.join('\n')}\n`, secrets));
  return report.checks.some((check) => check.outcome === 'error') ? 2 : 0;
}
