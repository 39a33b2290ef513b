import { Command } from 'commander';
import { defaultOptions, type MockOptions } from '../options';
import { loadConfigFile } from './configFile';
import { commanderOptions, layeredOptions } from './optionTable';
import { serveRows } from './serveOptions';
import { createMock } from '../createMock';
import { listen } from '../server/listen';
import { stopOnSignal } from '../server/shutdown';

/** `rpa-mock serve` (and `rpa-mock mock [spec]`, as Prism users type it): the mock server. */
export function serveCommand(name: 'serve' | 'mock' = 'serve'): Command {
  const command = new Command(name)
    .description(
      name === 'serve'
        ? 'Serve the RPA Jobs API from the spec, with seeded jobs and stateful executions.'
        : 'The same as serve, as Prism users type it: rpa-mock mock [spec].',
    )
    // Commander passes the positional arguments first, then the options, then the command itself.
    .action(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const config = await loadConfigFile(serveRows);
      const options = layeredOptions(serveRows, self, config.values);
      const spec = self.args[0];
      await serve(spec === undefined ? options : { ...options, specPath: spec }, config.file);
    });
  if (name === 'mock') command.argument('[spec]', 'OpenAPI 3.1 document to serve (the same as --spec)');
  for (const option of commanderOptions(serveRows, defaultOptions)) command.addOption(option);
  return command;
}

/** Starts the mock and keeps it running until SIGINT or SIGTERM, then closes it cleanly. */
async function serve(options: Partial<MockOptions>, configFile: string | undefined): Promise<void> {
  const stopping = stopOnSignal((line) => options.log !== 'silent' && process.stderr.write(`${line}\n`));
  const mock = await createMock(options);
  const server = await listen(mock.app, mock.options.host, mock.options.port, mock.options.requestTimeoutMs);
  stopping.serving(server, mock.close);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : mock.options.port;
  const host = mock.options.host.includes(':') ? `[${mock.options.host}]` : mock.options.host;
  if (mock.options.log !== 'silent')
    process.stderr.write(`${banner(mock.options, `http://${host}:${port}`, mock.clock.now(), mock.source.size, configFile)}\n`);
}

function banner(options: MockOptions, url: string, now: number, jobs: number, configFile: string | undefined): string {
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
    ...(options.gateway ? gatewayLines(options, url) : []),
    ...(faults ? [`  faults: ${faults}`] : []),
    ...(configFile ? [`  config: ${configFile}`] : []),
    ...(options.control ? [`  pages:  ${url}/docs (API reference), ${url}/__mock/ (inspector)`] : []),
    options.gateway
      ? `  try:    rpa-mock ionapi --gateway ${options.gateway} --seed ${options.seed} --origin ${url} --out dev.ionapi, then log in with it`
      : `  try:    curl ${authorization(options.authToken)}'${url}/api/v1/rpa/jobs?environment=default'`,
  ];
  return lines.join('\n');
}

/** What the banner says of the gateway: where the API and the token endpoint are, how long tokens last. */
function gatewayLines(options: MockOptions, url: string): string[] {
  return [
    `  gateway: tenant ${options.gateway}, API at ${url}/${options.gateway}/RPA${options.plainPaths ? ' and at its plain paths' : ' only'}`,
    `           tokens from ${url}/${options.gateway}/as/token.oauth2, valid ${options.tokenLifetime} s; users: admin, process-admin, user`,
  ];
}

/**
 * The curl header of the banner, never the token itself: the variable when the token came from it,
 * so the line works as printed; a placeholder otherwise.
 */
function authorization(token: string | undefined): string {
  if (token === undefined) return '';
  return process.env.RPA_MOCK_AUTH_TOKEN === token
    ? `-H "Authorization: Bearer $RPA_MOCK_AUTH_TOKEN" `
    : `-H 'Authorization: Bearer <your --auth-token>' `;
}
