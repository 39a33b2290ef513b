import { collect, integerIn, parseBaseUrl } from './parsers';
import type { OptionRow } from './optionTable';

/** The options more than one command takes under one name, whatever else each command takes. */
export interface SharedOptions {
  specPath: string;
  overlays: string[];
  seed: number;
  token: string | undefined;
  ionapi: string | undefined;
  timeoutMs: number;
  out: string | undefined;
  baseUrl: string | undefined;
}

/**
 * The flags more than one command takes, each declared here once: its name, variable, parser and
 * key. A command may say in its own words what the flag is for there (`withHelp`).
 */
export const sharedRow = {
  specPath: {
    key: 'specPath',
    flags: '--spec <file>',
    help: 'OpenAPI 3.1 document to serve and check against',
    defaultLabel: 'the bundled RPA Jobs spec',
    isPath: true,
  },
  overlays: {
    key: 'overlays',
    flags: '--overlay <file>',
    help: "OpenAPI Overlay applied to the spec first (repeatable, in order), such as a tenant's calibration",
    parse: collect,
    noDefault: true,
    // The name verify read it under first; RPA_MOCK_OVERLAY wins when both are set.
    envFallback: 'RPA_OVERLAY',
  },
  seed: { key: 'seed', flags: '-s, --seed <seed>', help: 'seed of the generated jobs', parse: integerIn(0, 2 ** 32 - 1, 'seed') },
  token: { key: 'token', flags: '--token <token>', help: 'bearer token to send', env: 'RPA_TOKEN', noDefault: true },
  ionapi: {
    key: 'ionapi',
    flags: '--ionapi <file>',
    help: 'Infor .ionapi credentials file: get a token from its OAuth2 token endpoint, renewed before it expires and once on a 401',
    env: 'RPA_IONAPI',
    conflicts: 'token',
    noDefault: true,
  },
  timeoutMs: { key: 'timeoutMs', flags: '--timeout <ms>', help: 'time-out of one request', parse: integerIn(1, 600_000, 'timeout') },
  baseUrl: {
    key: 'baseUrl',
    flags: '--base-url <url>',
    help: 'API base, up to /api/v1, such as https://<gateway>/<TENANT>/RPA (default with --ionapi: iu/ti/RPA)',
    env: 'RPA_BASE_URL',
    parse: parseBaseUrl('--base-url (or RPA_BASE_URL)'),
    noDefault: true,
  },
  // A file a command writes: no variable, as one set for a command would overwrite a file of another.
  out: { key: 'out', flags: '-o, --out <file>', help: 'file to write', env: false },
} satisfies { [K in keyof SharedOptions]: OptionRow<SharedOptions> & { key: K } };

/**
 * A shared row for a command whose options have its key (of the same type), in that command's
 * words when `help` is given. `rowFor<MockOptions>('seed')`, `rowFor<RecordOptions>('seed', 'seed of the fake values')`.
 */
export function rowFor<T>(key: keyof T & keyof SharedOptions, help?: string, more: Pick<OptionRow<T>, 'mandatory'> = {}): OptionRow<T> {
  const row: OptionRow<SharedOptions> = sharedRow[key];
  // Sound where T's value under the key has the shared type, as each command's options type says.
  return { ...row, ...(help === undefined ? {} : { help }), ...more } as unknown as OptionRow<T>;
}

/**
 * The base URL as the commands that stand in front of a tenant name it (`proxy`, `record`):
 * `--upstream <url>`, read from the same variable and checked the same way as `--base-url`.
 */
export function upstreamRow<T>(key: keyof T & string, help: string, more: Pick<OptionRow<T>, 'mandatory'> = {}): OptionRow<T> {
  return {
    ...rowFor<T>('baseUrl' as keyof T & keyof SharedOptions, help, more),
    key,
    flags: '--upstream <url>',
    parse: parseBaseUrl('--upstream (or RPA_BASE_URL)'),
    // The proxy's first name for it.
    envFallback: 'RPA_MOCK_UPSTREAM',
  };
}
