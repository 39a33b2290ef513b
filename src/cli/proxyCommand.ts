import { Command } from 'commander';
import { defaultProxyOptions, type ProxyOptions } from '../proxyOptions';
import { commanderOptions, optionsFromFlags, sharedRows, type OptionRow } from './optionTable';
import { bytesIn } from './parsers';
import { rowFor, upstreamRow } from './sharedRows';
import { serverRows, type ServerOptions } from './serveOptions';
import { createProxy } from '../createProxy';
import { listen } from '../server/listen';
import { stopOnSignal } from '../server/shutdown';

/** The flags of `proxy`, each declared once; `defaultProxyOptions` holds their defaults. */
const proxyRows: OptionRow<ProxyOptions>[] = [
  upstreamRow<ProxyOptions>('upstream', 'base URL of the deployment, up to /api/v1, such as https://<gateway>/<TENANT>/RPA', {
    mandatory: true,
  }),
  rowFor<ProxyOptions>('token', "bearer token to send upstream instead of the caller's"),
  rowFor<ProxyOptions>(
    'ionapi',
    'Infor .ionapi file: get the upstream token from its OAuth2 token endpoint, renewed before it expires and once on a 401',
  ),
  {
    key: 'errors',
    flags: '--errors',
    help: 'answer a response that breaks the spec with 502 and the list of violations, instead of passing it on',
  },
  rowFor<ProxyOptions>('timeoutMs', 'time-out of one upstream request'),
  {
    key: 'maxValidateBytes',
    flags: '--max-validate <bytes>',
    help: 'answers larger than this (10m, 512k …) pass through unchanged as they arrive, journaled as not checked: memory stays bounded',
    parse: bytesIn(0, 1024 ** 3, 'max-validate'),
    defaultLabel: '10m',
  },
  ...sharedRows<ProxyOptions, ServerOptions>(serverRows),
];

/** `rpa-mock proxy`: a validating proxy in front of a real deployment. */
export function proxyCommand(): Command {
  const command = new Command('proxy')
    .description(
      'Forward every request to a real deployment and check request and answer against the spec; each violation is logged with its JSON pointer and rule, and journaled.',
    )
    .action(async (flags: Record<string, unknown>, self: Command) => {
      const options: ProxyOptions = { ...defaultProxyOptions, ...optionsFromFlags(proxyRows, flags, self) } as ProxyOptions;
      const stopping = stopOnSignal((line) => options.log !== 'silent' && process.stderr.write(`${line}\n`));
      const proxy = await createProxy(options);
      const server = await listen(proxy.app, options.host, options.port, options.requestTimeoutMs);
      stopping.serving(server);
      const address = server.address();
      const url = `http://${options.host}:${typeof address === 'object' && address ? address.port : options.port}`;
      if (options.log !== 'silent') process.stderr.write(`${banner(options, url)}\n`);
    });
  for (const option of commanderOptions(proxyRows, defaultProxyOptions)) command.addOption(option);
  return command;
}

function banner(options: ProxyOptions, url: string): string {
  const checks = options.errors ? '; a violating answer becomes a 502' : ', logged and journaled';
  const credentials = options.ionapi ? 'from the .ionapi file' : options.token ? 'the --token' : "the caller's";
  return [
    `rpa-mock proxy listening on ${url}`,
    `  upstream: ${options.upstream}`,
    `  checks:   requests and answers against the spec${checks}`,
    `  credentials: ${credentials}`,
  ].join('\n');
}
