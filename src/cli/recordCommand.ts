import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { baseUrlOf, readIonApi } from '../credentials/ionApi';
import { maskSecrets } from '../credentials/maskSecrets';
import { defaultContractOptions } from '../contract/options';
import { refuseUrlCredentials } from '../credentials/refuseUrlCredentials';
import { tokenSourceFor } from '../credentials/tokenSource';
import { defaultOptions } from '../options';
import { SetupError } from '../errors/setupError';
import { collect, integerIn } from './parsers';
import { tenantOptions, type TenantFlags } from './tenantOptions';

interface RecordFlags extends TenantFlags {
  upstream?: string;
  environment: string;
  overlay?: string[];
  seed: number;
  scrub: boolean;
  out: string;
}

/** `rpa-mock record`: writes the jobs a tenant serves as a fixture file, personal data replaced. */
export function recordCommand(): Command {
  const command = new Command('record')
    .description(
      "Record the jobs a tenant serves (GET requests only) as a fixture file for serve --fixtures. Personal data (the spec's x-personal fields: names, emails, user ids, device names) is replaced by seeded fake values, the same real value by the same fake, unless --no-scrub.",
    )
    .addOption(
      new Option('--upstream <url>', 'base URL of the tenant, up to /api/v1 (default with --ionapi: iu/ti/RPA)').env('RPA_BASE_URL'),
    )
    .addOption(new Option('--environment <name>', 'environment whose jobs are recorded').default(defaultContractOptions.environment))
    .addOption(
      new Option('--overlay <file>', "the tenant's calibration (rpa-mock calibrate), to read its answers (repeatable)").argParser(collect),
    )
    .addOption(
      new Option('-s, --seed <seed>', 'seed of the fake values').default(defaultOptions.seed).argParser(integerIn(0, 2 ** 32 - 1, 'seed')),
    )
    .addOption(new Option('--no-scrub', 'write personal data as the tenant sent it'))
    .addOption(new Option('-o, --out <file>', 'fixture file to write').makeOptionMandatory())
    .action(async (flags: RecordFlags) => {
      process.exitCode = await record(flags);
    });
  for (const option of tenantOptions({
    maxJobs: new Option('--max-jobs <count>', 'how many listed jobs to record').default(500).argParser(integerIn(1, 100_000, 'max-jobs')),
  }))
    command.addOption(option);
  return command;
}

async function record(flags: RecordFlags): Promise<number> {
  // Loaded here, not at the top: `--help` and a refused flag do not pay for the recorder's modules.
  const { recordTenant }: typeof import('../contract/record/recordTenant') = require('../contract/record/recordTenant');
  if (flags.upstream !== undefined) refuseUrlCredentials(flags.upstream, '--upstream (or RPA_BASE_URL)');
  const credentials = flags.ionapi ? await readIonApi(flags.ionapi) : undefined;
  const baseUrl = flags.upstream ?? (credentials ? baseUrlOf(credentials) : undefined);
  if (!baseUrl) throw new SetupError('record needs --upstream (or RPA_BASE_URL, or an --ionapi file)');
  const tokens = tokenSourceFor(credentials, flags.token, flags.timeout);
  // A live list: read when masking, it holds every token issued while recording.
  const secrets = tokens?.secrets ?? [];
  const { fixture, findings } = await recordTenant(
    {
      baseUrl,
      environment: flags.environment,
      tokenSource: tokens,
      maxJobs: flags.maxJobs,
      maxPages: flags.maxPages,
      concurrency: flags.concurrency,
      timeoutMs: flags.timeout,
      retries: flags.retries,
      overlays: flags.overlay ?? [],
    },
    flags.scrub ? flags.seed : undefined,
  );
  await mkdir(path.dirname(path.resolve(flags.out)), { recursive: true });
  // Written beside the target, then renamed: an interrupted run never leaves half a file.
  const partial = `${flags.out}.${process.pid}.partial`;
  await writeFile(partial, maskSecrets(`${JSON.stringify(fixture, null, 2)}\n`, secrets));
  await rename(partial, flags.out);
  const lines = [
    `rpa-mock: recorded ${fixture.jobs.length} jobs of '${flags.environment}' to ${flags.out}${flags.scrub ? `, personal data replaced (seed ${flags.seed})` : ', personal data as sent (--no-scrub)'}`,
    ...(findings.length > 0
      ? [`  ${findings.length} answers broke the contract (run verify); serve --fixtures refuses jobs that break the Job schema`]
      : []),
  ];
  process.stderr.write(maskSecrets(`${lines.join('\n')}\n`, secrets));
  return 0;
}
