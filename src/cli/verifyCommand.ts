import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { toAnnotations, toStepSummary } from '../contract/toGitHub';
import path from 'node:path';
import { Command, Option } from 'commander';
import { baseUrlOf, readIonApi } from '../credentials/ionApi';
import { maskSecrets, maskSecretsIn } from '../credentials/maskSecrets';
import { defaultContractOptions, type ContractOptions } from '../contract/options';
import { refuseUrlCredentials } from '../credentials/refuseUrlCredentials';
import { tokenSourceFor, type TokenSource } from '../credentials/tokenSource';
import { collect } from './parsers';
import { tenantOptions, type TenantFlags } from './tenantOptions';
import { SetupError } from '../errors/setupError';

interface VerifyFlags extends TenantFlags {
  baseUrl?: string;
  environment: string;
  allowExecute?: boolean;
  failOnExtra?: boolean;
  junit?: string;
  json?: string;
  spec: string;
  listChecks?: boolean;
  inferred: 'fail' | 'warn';
  verbose?: boolean;
  overlay?: string[];
}

/** A setup problem of verify (no base URL, a bad .ionapi file): exit 2. */
class VerifyUsageError extends SetupError {}

/** `rpa-mock verify`: checks a deployment or the mock against the spec, for CI. */
export function verifyCommand(): Command {
  const command = new Command('verify')
    .description(
      'Check a real deployment (or the mock) against the spec. First a preflight: credentials rejected (401/403) or a base URL that is not the API (a doubled /api/v1, an HTML or gateway page) stop the run with exit 2 before any check. Gateway conditions are retried, not findings: 429 after its Retry-After, 502/503/504 with backoff, at most 120 s of waiting per run. Each root cause (a naming convention, an envelope, a spelling …) is named once, with its provenance (documented or x-inferred). Exit 0: all checks passed; 1: a contract violation; 2: usage, configuration or connection error, or a check that could not run.',
    )
    .addOption(
      new Option(
        '--base-url <url>',
        'API base, up to /api/v1, such as https://<gateway>/<TENANT>/RPA (default with --ionapi: iu/ti/RPA)',
      ).env('RPA_BASE_URL'),
    )
    .addOption(new Option('--environment <name>', 'environment whose jobs are listed').default(defaultContractOptions.environment))
    .addOption(new Option('--allow-execute', 'also execute a job (off by default: against a real tenant it starts a robot)'))
    .addOption(new Option('--fail-on-extra', 'fail on fields the spec does not know (a warning by default)'))
    .addOption(new Option('--junit <file>', 'also write the results as JUnit XML'))
    .addOption(new Option('--json <file>', 'also write the results as JSON'))
    .addOption(
      new Option('--inferred <mode>', 'fail: findings on parts of the spec marked x-inferred fail the run; warn: they are warnings')
        .choices(['fail', 'warn'])
        .default(defaultContractOptions.inferred),
    )
    .addOption(new Option('--verbose', 'list every instance of every root cause and finding (the report is compact by default)'))
    .addOption(
      new Option(
        '--overlay <file>',
        'OpenAPI Overlay applied to the spec first, such as a calibration of the tenant (repeatable, in order)',
      )
        .env('RPA_OVERLAY')
        .argParser(collect),
    )
    .addOption(new Option('--list-checks', 'print the checks that would run, and send nothing'))
    .action(async (flags: VerifyFlags) => {
      process.exitCode = await verify(flags);
    });
  for (const option of tenantOptions({
    token: 'bearer token to send; then requests without it or with a wrong one must get 401',
    spec: 'OpenAPI 3.1 document to check against',
  }))
    command.addOption(option);
  return command;
}

async function verify(flags: VerifyFlags): Promise<number> {
  // Loaded here, not at the top: `--help` and a refused flag do not pay for the checks' modules.
  const { exitCodeOf, prepareContract, runContract }: typeof import('../contract/runContract') = require('../contract/runContract');
  const { formatReport }: typeof import('../contract/formatReport') = require('../contract/formatReport');
  const { toJUnit }: typeof import('../contract/toJUnit') = require('../contract/toJUnit');
  if (flags.baseUrl !== undefined) refuseUrlCredentials(flags.baseUrl, '--base-url (or RPA_BASE_URL)');
  const credentials = flags.ionapi ? await readIonApi(flags.ionapi) : undefined;
  const baseUrl = flags.baseUrl ?? (credentials ? baseUrlOf(credentials) : undefined);
  // Nothing is asked of the token endpoint until the first request: --list-checks sends none.
  const tokens = tokenSourceFor(credentials, flags.token, flags.timeout);
  if (flags.listChecks) {
    const { checks } = await prepareContract({ ...options(flags, tokens), baseUrl: baseUrl ?? 'http://127.0.0.1:4010' });
    for (const check of checks) process.stdout.write(`${check.id}\t${check.title}\n`);
    return 0;
  }
  if (!baseUrl) throw new VerifyUsageError('verify needs --base-url (or RPA_BASE_URL, or an --ionapi file)');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new VerifyUsageError(`--base-url must be an http(s) URL, not '${baseUrl}'`);
  // Before anything is sent: a report that cannot be written is found now, not after the run.
  for (const file of [flags.junit, flags.json]) if (file) await ensureWritable(file);
  // Read when masking, so it holds every token issued during the run.
  const secrets = tokens?.secrets ?? [];
  // Masked as values first, so that a value shortened for display cannot show half a secret; then as written.
  const report = maskSecretsIn(await runContract({ ...options(flags, tokens), baseUrl }), secrets);
  process.stdout.write(maskSecrets(formatReport(report, { verbose: flags.verbose }), secrets));
  if (flags.junit) await writeFile(flags.junit, maskSecrets(toJUnit(report), secrets));
  if (flags.json) await writeFile(flags.json, `${maskSecrets(JSON.stringify(report, null, 2), secrets)}\n`);
  // On GitHub Actions: a table in the job's summary, and an annotation per failed check.
  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, maskSecrets(toStepSummary(report), secrets));
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(maskSecrets(toAnnotations(report), secrets));
  return exitCodeOf(report);
}

function options(flags: VerifyFlags, tokens: TokenSource | undefined): Omit<ContractOptions, 'baseUrl'> {
  return {
    environment: flags.environment,
    token: undefined,
    tokenSource: tokens,
    maxJobs: flags.maxJobs,
    maxPages: flags.maxPages,
    concurrency: flags.concurrency,
    allowExecute: flags.allowExecute === true,
    failOnExtra: flags.failOnExtra === true,
    timeoutMs: flags.timeout,
    retries: flags.retries,
    inferred: flags.inferred,
    gatewayBudgetMs: defaultContractOptions.gatewayBudgetMs,
    specPath: flags.spec,
    overlays: flags.overlay ?? [],
    skipChecks: [],
  };
}

/** Creates the report's folder when missing and proves the file can be written; exit 2 otherwise. */
async function ensureWritable(file: string): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await appendFile(file, '');
  } catch (error) {
    throw new VerifyUsageError(`cannot write the report file ${file}: ${(error as Error).message}`);
  }
}
