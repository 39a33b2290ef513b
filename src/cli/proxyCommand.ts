import { Command, InvalidArgumentError, Option } from 'commander';
import { createProxy, defaultMaxValidateBytes, type ProxyOptions } from '../createProxy';
import { defaultOptions } from '../options';
import { listen } from '../server/listen';
import { stopOnSignal } from '../server/shutdown';
import { bytesIn, integerIn } from './parsers';
import { serverOptions } from './serverOptions';

interface ProxyFlags {
  upstream: string;
  port: number;
  host: string;
  token?: string;
  ionapi?: string;
  errors?: boolean;
  timeout: number;
  maxValidate: number;
  spec: string;
  control: boolean;
  journalSize: number;
  journalBytes: number;
  requestTimeout: number;
  corsOrigin?: string[];
  logFormat: 'auto' | 'pretty' | 'json';
  quiet?: boolean;
}

/** `rpa-mock proxy`: a validating proxy in front of a real deployment. */
export function proxyCommand(): Command {
  const command = new Command('proxy')
    .description(
      'Forward every request to a real deployment and check request and answer against the spec; each violation is logged with its JSON pointer and rule, and journaled.',
    )
    .addOption(
      new Option('--upstream <url>', 'base URL of the deployment, up to /api/v1, such as https://<gateway>/<TENANT>/RPA')
        .makeOptionMandatory()
        .argParser(parseUrl),
    )
    .addOption(new Option('--token <token>', "bearer token to send upstream instead of the caller's").env('RPA_TOKEN'))
    .addOption(
      new Option('--ionapi <file>', 'Infor .ionapi file: get the upstream token from it (and again when it expires)')
        .env('RPA_IONAPI')
        .conflicts('token'),
    )
    .addOption(
      new Option('--errors', 'answer a response that breaks the spec with 502 and the list of violations, instead of passing it on'),
    )
    .addOption(new Option('--timeout <ms>', 'time-out of one upstream request').default(30_000).argParser(integerIn(1, 600_000, 'timeout')))
    .addOption(
      new Option(
        '--max-validate <bytes>',
        'answers larger than this (10m, 512k …) pass through unchanged as they arrive, journaled as not checked: memory stays bounded',
      )
        .default(defaultMaxValidateBytes, '10m')
        .argParser(bytesIn(0, 1024 ** 3, 'max-validate')),
    )
    .addOption(
      new Option('--spec <file>', 'OpenAPI 3.1 document to check against').default(defaultOptions.specPath, 'the bundled RPA Jobs spec'),
    )
    .action(async (flags: ProxyFlags) => {
      const options: ProxyOptions = {
        upstream: flags.upstream,
        specPath: flags.spec,
        host: flags.host,
        port: flags.port,
        token: flags.token,
        ionapi: flags.ionapi,
        errors: flags.errors === true,
        timeoutMs: flags.timeout,
        maxValidateBytes: flags.maxValidate,
        control: flags.control,
        journalSize: flags.journalSize,
        journalBytes: flags.journalBytes,
        corsOrigins: flags.corsOrigin ?? [],
        log: flags.quiet ? 'silent' : flags.logFormat,
        bodyLimit: defaultOptions.bodyLimit,
      };
      const stopping = stopOnSignal((line) => !flags.quiet && process.stderr.write(`${line}\n`));
      const proxy = await createProxy(options);
      const server = await listen(proxy.app, options.host, options.port, flags.requestTimeout);
      stopping.serving(server);
      const address = server.address();
      const url = `http://${options.host}:${typeof address === 'object' && address ? address.port : options.port}`;
      if (!flags.quiet) {
        process.stderr.write(
          `rpa-mock proxy listening on ${url}\n  upstream: ${options.upstream}\n  checks:   requests and answers against the spec${options.errors ? '; a violating answer becomes a 502' : ', logged and journaled'}\n  credentials: ${options.ionapi ? 'from the .ionapi file' : options.token ? 'the --token' : "the caller's"}\n`,
        );
      }
    });
  for (const option of serverOptions()) command.addOption(option);
  return command;
}

function parseUrl(value: string): string {
  if (!/^https?:\/\/[^/]+/.test(value))
    throw new InvalidArgumentError('expected an http(s) URL such as https://mingle-ionapi.example.com/ACME_TST/RPA.');
  return value.replace(/\/+$/, '');
}
