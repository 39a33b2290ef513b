import { Command, Option } from 'commander';
import { createMock } from '../createMock';
import { defaultOptions, type MockOptions } from '../options';
import { listen } from '../server/listen';
import { stopOnSignal } from '../server/shutdown';
import { integerIn, parseLatency, parseNow, parseShare } from './parsers';
import { serverOptions } from './serverOptions';

/** `rpa-mock serve`: the mock server. */
export function serveCommand(): Command {
  const command = new Command('serve')
    .description('Serve the RPA Jobs API from the spec, with seeded jobs and stateful executions.')
    .addOption(
      new Option('-e, --engine <engine>', "'faker': realistic, stateful jobs; 'prism': Stoplight Prism's answers from the spec's examples")
        .choices(['faker', 'prism'])
        .default(defaultOptions.engine),
    )
    .addOption(
      new Option('-s, --seed <seed>', 'seed of the generated jobs')
        .default(defaultOptions.seed)
        .argParser(integerIn(0, 2 ** 32 - 1, 'seed')),
    )
    .addOption(
      new Option('-j, --jobs <count>', 'number of jobs to generate')
        .default(defaultOptions.jobs)
        .argParser(integerIn(0, 10_000_000, 'jobs')),
    )
    .addOption(
      new Option('--now <time>', "time generated data is relative to: an RFC 3339 date-time, or 'real' for now")
        .default(defaultOptions.now, new Date(defaultOptions.now as number).toISOString())
        .argParser(parseNow),
    )
    .addOption(
      new Option('--clock <mode>', "'running': time moves on from --now at real speed; 'frozen': it stays at --now")
        .choices(['running', 'frozen'])
        .default(defaultOptions.clock),
    )
    .addOption(new Option('--fixtures <file>', 'serve the jobs of this fixture file instead of generated ones'))
    .addOption(new Option('--spec <file>', 'OpenAPI 3.1 document to serve').default(defaultOptions.specPath, 'the bundled RPA Jobs spec'))
    .addOption(new Option('--strict', 'validate every response against the spec; a violation becomes a 500 listing the reasons'))
    .addOption(new Option('--auth-token <token>', 'require Authorization: Bearer <token> on every operation').env('RPA_MOCK_AUTH_TOKEN'))
    .addOption(
      new Option('--latency <ms>', "latency of every request: a number of ms, or 'min-max' for a uniform draw").argParser(parseLatency),
    )
    .addOption(
      new Option('--error-rate <share>', 'share of requests answered with a 500 in the error format, 0 to 1').argParser(parseShare),
    )
    .addOption(new Option('--scenario <file>', 'scenario file (JSON or YAML): latency and error rate, in general and per operation'))
    .action(async (flags: ServeFlags) => {
      await serve(toOptions(flags), flags.requestTimeout);
    });
  for (const option of serverOptions()) command.addOption(option);
  return command;
}

interface ServeFlags {
  engine: MockOptions['engine'];
  latency?: string;
  errorRate?: number;
  scenario?: string;
  control: boolean;
  journalSize: number;
  journalBytes: number;
  requestTimeout: number;
  port: number;
  host: string;
  seed: number;
  jobs: number;
  now: number | 'real';
  clock: MockOptions['clock'];
  fixtures?: string;
  spec: string;
  strict?: boolean;
  authToken?: string;
  corsOrigin?: string[];
  logFormat: 'auto' | 'pretty' | 'json';
  quiet?: boolean;
}

function toOptions(flags: ServeFlags): Partial<MockOptions> {
  return {
    engine: flags.engine,
    latency: flags.latency,
    errorRate: flags.errorRate,
    scenario: flags.scenario,
    control: flags.control,
    journalSize: flags.journalSize,
    journalBytes: flags.journalBytes,
    port: flags.port,
    host: flags.host,
    seed: flags.seed,
    jobs: flags.jobs,
    now: flags.now,
    clock: flags.clock,
    fixtures: flags.fixtures,
    specPath: flags.spec,
    strict: flags.strict === true,
    authToken: flags.authToken,
    corsOrigins: flags.corsOrigin ?? [],
    log: flags.quiet ? 'silent' : flags.logFormat,
  };
}

/** Starts the mock and keeps it running until SIGINT or SIGTERM, then closes it cleanly. */
async function serve(options: Partial<MockOptions>, requestTimeoutMs: number): Promise<void> {
  const stopping = stopOnSignal((line) => options.log !== 'silent' && process.stderr.write(`${line}\n`));
  const mock = await createMock(options);
  const server = await listen(mock.app, mock.options.host, mock.options.port, requestTimeoutMs);
  stopping.serving(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : mock.options.port;
  const host = mock.options.host.includes(':') ? `[${mock.options.host}]` : mock.options.host;
  if (mock.options.log !== 'silent')
    process.stderr.write(`${banner(mock.options, `http://${host}:${port}`, mock.clock.now(), mock.source.size)}\n`);
}

function banner(options: MockOptions, url: string, now: number, jobs: number): string {
  const data =
    options.engine === 'prism'
      ? "the spec's examples"
      : options.fixtures
        ? `${jobs} jobs from ${options.fixtures}`
        : `${jobs} jobs, seed ${options.seed}`;
  const faults = [
    options.latency ? `latency ${options.latency} ms` : '',
    options.errorRate ? `error rate ${options.errorRate}` : '',
    options.scenario ? `scenario ${options.scenario}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `rpa-mock listening on ${url}`,
    `  engine: ${options.engine}${options.engine === 'prism' ? " (the spec's examples; Prefer: dynamic=true for generated ones)" : ''}`,
    `  data:   ${data}`,
    `  clock:  ${options.clock}, now ${new Date(now).toISOString()}`,
    `  checks: ${options.strict ? 'requests and responses (--strict)' : 'requests'}${options.authToken ? '; bearer token required' : ''}`,
    ...(faults ? [`  faults: ${faults}`] : []),
    ...(options.control ? [`  pages:  ${url}/docs (API reference), ${url}/__mock/ (inspector)`] : []),
    `  try:    curl '${url}/api/v1/rpa/jobs?environment=default'`,
  ];
  return lines.join('\n');
}
