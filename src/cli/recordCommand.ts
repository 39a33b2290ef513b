import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { maskSecrets } from '../credentials/maskSecrets';
import { defaultOptions } from '../options';
import type { OptionRow } from './optionTable';
import { rowFor, upstreamRow } from './sharedRows';
import { requireBaseUrl, tenantAccess, tenantDefaults, tenantOptionsOf, tenantRows, withRows, type TenantOptions } from './tenantOptions';
import { recordTenant } from '../contract/record/recordTenant';

interface RecordOptions extends TenantOptions {
  seed: number;
  scrub: boolean;
  out: string;
}

/** The flags of record, each declared once (the shared ones in tenantRows and sharedRows). */
const recordRows: OptionRow<RecordOptions>[] = [
  upstreamRow<RecordOptions>('baseUrl', 'base URL of the tenant, up to /api/v1 (default with --ionapi: iu/ti/RPA)'),
  ...tenantRows<RecordOptions>({ environment: 'environment whose jobs are recorded', maxJobs: 'how many listed jobs to record' }),
  rowFor<RecordOptions>('overlays', "the tenant's calibration (rpa-mock calibrate), to read its answers (repeatable)"),
  rowFor<RecordOptions>('seed', 'seed of the fake values'),
  { key: 'scrub', flags: '--no-scrub', help: 'write personal data as the tenant sent it' },
  rowFor<RecordOptions>('out', 'fixture file to write', { mandatory: true }),
];

const recordDefaults: Omit<RecordOptions, 'out'> = { ...tenantDefaults, maxJobs: 500, seed: defaultOptions.seed, scrub: true };

/** `rpa-mock record`: writes the jobs a tenant serves as a fixture file, personal data replaced. */
export function recordCommand(): Command {
  const command = new Command('record')
    .description(
      "Record the jobs a tenant serves (GET requests only) as a fixture file for serve --fixtures. Personal data (the spec's x-personal fields: names, emails, user ids, device names) is replaced by seeded fake values, the same real value by the same fake, unless --no-scrub.",
    )
    .action(async (_flags: unknown, self: Command) => {
      process.exitCode = await record(tenantOptionsOf(recordRows, self, recordDefaults));
    });
  return withRows(command, recordRows, recordDefaults);
}

async function record(flags: RecordOptions): Promise<number> {
  const access = await tenantAccess(flags);
  const baseUrl = requireBaseUrl(access, 'record', '--upstream');
  // A live list: read when masking, it holds every token issued while recording.
  const { secrets } = access;
  const { fixture, findings } = await recordTenant(
    { ...flags, baseUrl, token: undefined, tokenSource: access.tokens },
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
