import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { toAnnotations, toStepSummary } from '../contract/toGitHub';
import { maskSecrets, maskSecretsIn } from '../credentials/maskSecrets';
import { SetupError } from '../errors/setupError';
import type { OptionRow } from './optionTable';
import { integerIn, parsePercent } from './parsers';
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
import { exitCodeOf, prepareContract, runContract } from '../contract/runContract';
import { formatReport } from '../contract/formatReport';
import { toJUnit } from '../contract/toJUnit';
import { toHtml } from '../contract/toHtml';

/** What verify takes: the contract options, how to log in, and where its reports go. */
interface VerifyOptions extends TenantOptions {
  junit: string | undefined;
  json: string | undefined;
  html: string | undefined;
  listChecks: boolean;
  verbose: boolean;
}

/** The flags of verify, each declared once (the shared ones in tenantRows and sharedRows). */
const verifyRows: OptionRow<VerifyOptions>[] = [
  baseUrlRow<VerifyOptions>(),
  ...tenantRows<VerifyOptions>({
    environment: 'environment whose jobs are listed',
    token: 'bearer token to send; then requests without it or with a wrong one must get 401',
  }),
  { key: 'allowExecute', flags: '--allow-execute', help: 'also execute a job (off by default: against a real tenant it starts a robot)' },
  { key: 'failOnExtra', flags: '--fail-on-extra', help: 'fail on fields the spec does not know (a warning by default)' },
  { key: 'junit', flags: '--junit <file>', help: 'also write the results as JUnit XML' },
  { key: 'json', flags: '--json <file>', help: 'also write the results as JSON' },
  {
    key: 'html',
    flags: '--html <file>',
    help: 'also write the results as one self-contained HTML page: verdict, root causes, checks, coverage, charts',
  },
  {
    key: 'inferred',
    flags: '--inferred <mode>',
    help: 'fail: findings on parts of the spec marked x-inferred fail the run; warn: they are warnings',
    choices: ['fail', 'warn'],
  },
  { key: 'verbose', flags: '--verbose', help: 'list every instance of every root cause and finding (the report is compact by default)' },
  rowFor<VerifyOptions>('specPath', 'OpenAPI 3.1 document to check against'),
  rowFor<VerifyOptions>(
    'overlays',
    'OpenAPI Overlay applied to the spec first, such as a calibration of the tenant (repeatable, in order)',
  ),
  {
    key: 'minCoverage',
    flags: '--min-coverage <percent>',
    help: 'fail the run when it exercises less of the contract than this: statuses seen and documented fields seen with a value',
    parse: parsePercent,
    noDefault: true,
  },
  {
    key: 'negative',
    flags: '--negative [count]',
    help: 'also send this many generated bad requests to the read operations (GET only: none starts a robot), each expecting a 4xx in the declared error shape; 50 without a count',
    parse: integerIn(1, 10_000, 'negative'),
    toValue: (value: number | true) => (value === true ? 50 : value),
  },
  {
    key: 'negativeSeed',
    flags: '--negative-seed <seed>',
    help: 'the seed of the bad requests, to replay a run (each run draws its own; the report names it)',
    parse: integerIn(0, 2 ** 31 - 1, 'negative-seed'),
  },
  { key: 'listChecks', flags: '--list-checks', help: 'print the checks that would run, and send nothing' },
];

const verifyDefaults: VerifyOptions = {
  ...tenantDefaults,
  junit: undefined,
  json: undefined,
  html: undefined,
  listChecks: false,
  verbose: false,
};

/** A report file that cannot be written: exit 2, before anything is sent. */
class ReportFileError extends SetupError {}

/** `rpa-mock verify`: checks a deployment or the mock against the spec, for CI. */
export function verifyCommand(): Command {
  const command = new Command('verify')
    .description(
      'Check a real deployment (or the mock) against the spec. First a preflight: credentials rejected (401/403) or a base URL that is not the API (a doubled /api/v1, an HTML or gateway page) stop the run with exit 2 before any check. Gateway conditions are retried, not findings: 429 after its Retry-After, 502/503/504 with backoff, at most 120 s of waiting per run. Each root cause (a naming convention, an envelope, a spelling …) is named once, with its provenance (documented or x-inferred). Exit 0: all checks passed; 1: a contract violation; 2: usage, configuration or connection error, or a check that could not run.',
    )
    .action(async (_flags: unknown, self: Command) => {
      process.exitCode = await verify(tenantOptionsOf(verifyRows, self, verifyDefaults));
    });
  return withRows(command, verifyRows, verifyDefaults);
}

async function verify(options: VerifyOptions): Promise<number> {
  const access = await tenantAccess(options);
  const contract = { ...options, token: undefined, tokenSource: access.tokens };
  if (options.listChecks) {
    const { checks } = await prepareContract({ ...contract, baseUrl: access.baseUrl ?? 'http://127.0.0.1:4010' });
    for (const check of checks) process.stdout.write(`${check.id}\t${check.title}\n`);
    return 0;
  }
  const baseUrl = requireBaseUrl(access, 'verify');
  // Before anything is sent: a report that cannot be written is found now, not after the run.
  for (const file of [options.junit, options.json, options.html]) if (file) await ensureWritable(file);
  const { secrets } = access;
  // Masked as values first, so that a value shortened for display cannot show half a secret; then as written.
  const report = maskSecretsIn(await runContract({ ...contract, baseUrl }), secrets);
  process.stdout.write(maskSecrets(formatReport(report, { verbose: options.verbose }), secrets));
  if (options.junit) await writeFile(options.junit, maskSecrets(toJUnit(report), secrets));
  if (options.json) await writeFile(options.json, `${maskSecrets(JSON.stringify(report, null, 2), secrets)}\n`);
  if (options.html) await writeFile(options.html, maskSecrets(toHtml(report), secrets));
  // On GitHub Actions: a table in the job's summary, and an annotation per failed check.
  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, maskSecrets(toStepSummary(report), secrets));
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(maskSecrets(toAnnotations(report), secrets));
  return exitCodeOf(report);
}

/** Creates the report's folder when missing and proves the file can be written; exit 2 otherwise. */
async function ensureWritable(file: string): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await appendFile(file, '');
  } catch (error) {
    throw new ReportFileError(`cannot write the report file ${file}: ${(error as Error).message}`);
  }
}
