import { Command } from 'commander';
import { createMock } from '../createMock';
import { defaultOptions, type MockOptions } from '../options';
import { close, listen } from '../server/listen';
import { commanderOptions, optionsFromFlags } from './optionTable';
import { serveRows } from './serveOptions';

/** `rpa-mock serve`: the mock server. */
export function serveCommand(): Command {
  const command = new Command('serve')
    .description('Serve the RPA Jobs API from the spec, with seeded jobs and stateful executions.')
    .action(async (flags: Record<string, unknown>) => {
      await serve(optionsFromFlags(serveRows, flags));
    });
  for (const option of commanderOptions(serveRows, defaultOptions)) command.addOption(option);
  return command;
}

/** Starts the mock and keeps it running until SIGINT or SIGTERM, then closes it cleanly. */
async function serve(options: Partial<MockOptions>): Promise<void> {
  const mock = await createMock(options);
  const server = await listen(mock.app, mock.options.host, mock.options.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : mock.options.port;
  const host = mock.options.host.includes(':') ? `[${mock.options.host}]` : mock.options.host;
  if (mock.options.log !== 'silent')
    process.stderr.write(`${banner(mock.options, `http://${host}:${port}`, mock.clock.now(), mock.source.size)}\n`);
  const stop = (signal: string) => {
    if (mock.options.log !== 'silent') process.stderr.write(`rpa-mock: ${signal} received, closing\n`);
    void close(server).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
