import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { createWorld } from '../data/world';
import { gatewayUsers, roleOfUser, userKeys, type UserKey } from '../gateway/users';
import { ionApiFileOf } from '../gateway/ionApiFile';
import { defaultOptions, type MockOptions } from '../options';
import { loadConfigFile } from './configFile';
import { commanderOptions, layeredOptions, pickRows, type OptionRow } from './optionTable';
import { serveRows } from './serveOptions';
import { parseBaseUrl } from './parsers';
import { rowFor } from './sharedRows';

interface IonApiOptions extends Pick<MockOptions, 'seed' | 'gateway' | 'host' | 'port'> {
  user: UserKey;
  grant: 'password' | 'client-credentials';
  origin: string | undefined;
  out: string;
}

/** The tenant when neither the flag nor the config file names one: serve --gateway takes the same. */
const defaultTenant = 'RPAMOCK_TST';

/** The flags of `ionapi`: the mock's own (`--seed`, `--gateway`, `--host`, `--port`) as serve declares them, and the file's. */
const ionapiRows: OptionRow<IonApiOptions>[] = [
  ...pickRows<IonApiOptions, MockOptions>(serveRows, ['gateway', 'seed', 'host', 'port']),
  {
    key: 'user',
    flags: '--user <user>',
    help: "whose file: 'admin' (RPA-Admin), 'process-admin' (RPA-Process_Admin) or 'user' (RPA-User)",
    choices: userKeys,
  },
  {
    key: 'grant',
    flags: '--grant <grant>',
    help: "'password': a service account's file (saak/sask, the password grant); 'client-credentials': a backend app's",
    choices: ['password', 'client-credentials'],
  },
  {
    key: 'origin',
    flags: '--origin <url>',
    help: "where the app reaches the mock, the file's iu; the API base is then <origin>/<tenant>/RPA",
    parse: parseBaseUrl('--origin'),
    defaultLabel: 'http://<host>:<port>',
    noDefault: true,
  },
  rowFor<IonApiOptions>('out', 'the .ionapi file to write (it holds credentials: it is written for its owner only)', { mandatory: true }),
];

const ionapiDefaults: Partial<IonApiOptions> = {
  seed: defaultOptions.seed,
  host: defaultOptions.host,
  port: defaultOptions.port,
  user: 'admin',
  grant: 'password',
};

/** `rpa-mock ionapi`: writes a `.ionapi` file that logs in to the mock's gateway (serve --gateway) as one of its users. */
export function ionapiCommand(): Command {
  const command = new Command('ionapi')
    .description(
      "Write an Infor .ionapi credentials file for the mock's ION API gateway (serve --gateway <tenant>), as the gateway's Authorized Apps page writes one: every key, credentials of one of the mock's users (the same for the same seed and tenant, so the file keeps working across restarts). Reads the seed, tenant, host and port from the flags, their variables or the config file, as serve does. The credentials are never printed.",
    )
    .action(async (_flags: unknown, self: Command) => {
      const config = await loadConfigFile(serveRows);
      const options = { ...ionapiDefaults, ...layeredOptions(ionapiRows, self, config.values as Partial<IonApiOptions>) } as IonApiOptions;
      process.exitCode = await writeIonApi(options);
    });
  for (const option of commanderOptions(ionapiRows, ionapiDefaults)) command.addOption(option);
  return command;
}

async function writeIonApi(options: IonApiOptions): Promise<number> {
  const tenant = options.gateway ?? defaultTenant;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const origin = options.origin ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${options.port}`;
  const user = gatewayUsers(options.seed, tenant, createWorld(options.seed, 0).people).find((candidate) => candidate.key === options.user)!;
  const file = ionApiFileOf(user, tenant, origin, options.grant);
  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  // Written beside the target, for its owner only, then renamed: never half a file, never readable by others.
  const partial = `${options.out}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, options.out);
  process.stderr.write(
    [
      `rpa-mock: wrote ${options.out}: user '${user.key}' (${roleOfUser[user.key]}, ${user.person.display_name}) of tenant ${tenant}, ${options.grant} grant, for ${origin}`,
      `  serve:  rpa-mock serve --gateway ${tenant} --seed ${options.seed}${options.port === defaultOptions.port ? '' : ` --port ${options.port}`}`,
      `  use:    rpa-mock verify --ionapi ${options.out}   (the API base is ${origin}/${tenant}/RPA)`,
    ].join('\n') + '\n',
  );
  return 0;
}
