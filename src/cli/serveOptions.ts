import { defaultReferenceTime, type MockOptions } from '../options';
import { sharedRows, type OptionRow } from './optionTable';
import { rowFor } from './sharedRows';
import { bytesIn, collect, integerIn, parseTenant, parseLatency, parseNow, parseNumber, parseStateUrl } from './parsers';

/** The options `serve` and `proxy` share. */
export type ServerOptions = Pick<
  MockOptions,
  'port' | 'host' | 'specPath' | 'overlays' | 'control' | 'journalSize' | 'journalBytes' | 'requestTimeoutMs' | 'corsOrigins' | 'log'
>;

/** The flags `serve` and `proxy` share: where they listen, who may call, what they log and keep. */
export const serverRows: OptionRow<ServerOptions>[] = [
  {
    key: 'port',
    flags: '-p, --port <port>',
    help: 'port to listen on (0 picks a free one); PORT is read when RPA_MOCK_PORT is not set',
    parse: integerIn(0, 65535, 'port'),
    envFallback: 'PORT',
  },
  { key: 'host', flags: '-H, --host <host>', help: 'address to listen on; 0.0.0.0 exposes it to the network' },
  rowFor<ServerOptions>('specPath'),
  rowFor<ServerOptions>(
    'overlays',
    "OpenAPI Overlay applied to the spec (repeatable, in order), such as a tenant's calibration: serve answers in the tenant's shape, proxy checks against it",
  ),
  { key: 'control', flags: '--no-control', help: 'do not serve the control API (/__mock), the inspector (/__mock/) and /docs' },
  {
    key: 'journalSize',
    flags: '--journal-size <count>',
    help: 'how many requests the journal keeps',
    parse: integerIn(1, 100_000, 'journal-size'),
  },
  {
    key: 'journalBytes',
    flags: '--journal-bytes <bytes>',
    help: 'bytes the journal may hold, its entries and the answers it keeps for a check together (512k, 32m …); the oldest go first, and an answer over a quarter of it is journaled unchecked',
    parse: bytesIn(64 * 1024, 4 * 1024 ** 3, 'journal-bytes'),
    defaultLabel: '32m',
  },
  {
    key: 'requestTimeoutMs',
    flags: '--request-timeout <ms>',
    help: 'time a request may take to arrive, headers and body; a slower one gets 408 and its connection closed',
    parse: integerIn(1_000, 30_000, 'request-timeout'),
  },
  {
    key: 'corsOrigins',
    flags: '--cors-origin <origin>',
    help: "browser origin allowed besides localhost ones; repeatable or comma-separated, '*' for all",
    parse: collect,
    noDefault: true,
  },
  {
    key: 'log',
    flags: '--log-format <format>',
    help: "request log: 'auto' (readable on a terminal, JSON lines otherwise), 'pretty' or 'json'",
    choices: ['auto', 'pretty', 'json'],
  },
  {
    key: 'log',
    flags: '-q, --quiet',
    help: 'no request log and no start-up message (the journal still records)',
    toValue: (quiet: boolean) => (quiet ? 'silent' : undefined) as ServerOptions['log'],
  },
];

/** The flags of `serve`, each declared once; `MockOptions` holds their defaults. */
export const serveRows: OptionRow<MockOptions>[] = [
  {
    key: 'engine',
    flags: '-e, --engine <engine>',
    help: "'faker': realistic, stateful jobs; 'prism': Stoplight Prism's answers from the spec's examples",
    choices: ['faker', 'prism'],
  },
  rowFor<MockOptions>('seed'),
  { key: 'jobs', flags: '-j, --jobs <count>', help: 'number of jobs to generate', parse: integerIn(0, 10_000_000, 'jobs') },
  {
    key: 'now',
    flags: '--now <time>',
    help: "time generated data is relative to: an RFC 3339 date-time, or 'real' for now",
    parse: parseNow,
    // Not applied here: without --now, a fixture file's own instant counts (createMock fills the default).
    noDefault: true,
    defaultLabel: `${new Date(defaultReferenceTime).toISOString()}, or the instant a fixture file was made at`,
  },
  {
    key: 'clock',
    flags: '--clock <mode>',
    help: "'running': time moves on from --now at real speed; 'frozen': it stays at --now",
    choices: ['running', 'frozen'],
  },
  { key: 'fixtures', flags: '--fixtures <file>', help: 'serve the jobs of this fixture file instead of generated ones', isPath: true },
  { key: 'strict', flags: '--strict', help: 'validate every response against the spec; a violation becomes a 500 listing the reasons' },
  { key: 'authToken', flags: '--auth-token <token>', help: 'require Authorization: Bearer <token> on every operation' },
  {
    key: 'latency',
    flags: '--latency <ms>',
    help: "latency of every request: a number of ms, or 'min-max' for a uniform draw",
    parse: parseLatency,
  },
  {
    key: 'errorRate',
    flags: '--error-rate <share>',
    help: 'share of requests answered with a 500 in the error format, 0 to 1',
    parse: parseNumber,
  },
  {
    key: 'scenario',
    flags: '--scenario <file>',
    help: 'scenario file (JSON or YAML): latency and error rate, in general and per operation',
    isPath: true,
  },
  {
    key: 'state',
    flags: '--state <url>',
    help: 'keep runs, the clock and the scenario in Redis (redis://host:port/db), shared by every replica with the same seed',
    parse: parseStateUrl,
  },
  {
    key: 'gateway',
    flags: '--gateway <tenant>',
    help: 'stand in for the ION API gateway of this tenant: the API also under /<tenant>/RPA, OAuth 2.0 tokens from /<tenant>/as/token.oauth2 for the users of rpa-mock ionapi',
    parse: parseTenant,
    conflicts: 'authToken',
  },
  {
    key: 'tokenLifetime',
    flags: '--token-lifetime <seconds>',
    help: "with --gateway, seconds a token is valid (the tenant admin's setting)",
    parse: integerIn(1, 86_400, 'token-lifetime'),
  },
  {
    key: 'plainPaths',
    flags: '--no-plain-paths',
    help: 'with --gateway, serve the API only under /<tenant>/RPA, as the gateway does (not also at /api/v1/…)',
  },
  ...sharedRows<MockOptions, ServerOptions>(serverRows),
];
