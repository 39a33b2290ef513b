import type { Command } from 'commander';
import { defaultContractOptions, type ContractOptions } from '../contract/options';
import { baseUrlOf, readIonApi } from '../credentials/ionApi';
import { tokenSourceFor, type TokenSource } from '../credentials/tokenSource';
import { SetupError } from '../errors/setupError';
import { commanderOptions, optionsFromFlags, sharedRows, type OptionRow } from './optionTable';
import { integerIn } from './parsers';
import { rowFor } from './sharedRows';

/** The options of a command that reaches a tenant (verify, calibrate, record): the contract options, and how to log in. */
export interface TenantOptions extends Omit<ContractOptions, 'baseUrl' | 'tokenSource'> {
  /** The API base; with an .ionapi file, its iu/ti/RPA unless given. */
  baseUrl: string | undefined;
  ionapi: string | undefined;
}

/** The base URL's row, for a command whose options are TenantOptions and more. */
export function baseUrlRow<T extends TenantOptions>(): OptionRow<T> {
  return rowFor<T>('baseUrl');
}

/**
 * The flags verify, calibrate and record share to reach a tenant and read it, each declared here
 * once; their defaults are the contract options'. A command names what it does with the jobs in
 * its own words: `tenantRows({ environment: 'environment whose jobs are sampled' })`.
 */
export function tenantRows<T extends TenantOptions>(help: { environment: string; token?: string; maxJobs?: string }): OptionRow<T>[] {
  return sharedRows<T, TenantOptions>([
    { key: 'environment', flags: '--environment <name>', help: help.environment },
    rowFor<TenantOptions>('token', help.token),
    rowFor<TenantOptions>('ionapi'),
    {
      key: 'maxJobs',
      flags: '--max-jobs <count>',
      help: help.maxJobs ?? 'how many listed jobs to fetch by id',
      parse: integerIn(0, 100_000, 'max-jobs'),
    },
    {
      key: 'maxPages',
      flags: '--max-pages <count>',
      help: 'how many pages of a paged list to read (a list also stops at 64 MB and 2 minutes of paging)',
      parse: integerIn(1, 100_000, 'max-pages'),
    },
    {
      key: 'concurrency',
      flags: '--concurrency <count>',
      help: 'requests in flight at once where they do not depend on each other (jobs and processes by id)',
      parse: integerIn(1, 32, 'concurrency'),
    },
    rowFor<TenantOptions>('timeoutMs'),
    {
      key: 'retries',
      flags: '--retries <count>',
      help: 'retries of a request whose connection failed',
      parse: integerIn(0, 10, 'retries'),
    },
  ]);
}

/** Adds a table's flags to a command, their defaults those of the contract options unless `defaults` says otherwise. */
export function withRows<T>(command: Command, rows: readonly OptionRow<T>[], defaults: Partial<T>): Command {
  for (const option of commanderOptions(rows, defaults)) command.addOption(option);
  return command;
}

/** A command's options from its parsed flags, over the defaults; commander has made sure of the mandatory ones. */
export function tenantOptionsOf<T extends TenantOptions>(rows: readonly OptionRow<T>[], command: Command, defaults: Partial<T>): T {
  return { ...defaults, ...optionsFromFlags(rows, command.opts(), command) } as T;
}

/** The defaults of a command that reaches a tenant. */
export const tenantDefaults: TenantOptions = { ...defaultContractOptions, baseUrl: undefined, ionapi: undefined };

/** Where a command reaches the tenant and with what token: the `.ionapi` file read, the base URL settled. */
export interface TenantAccess {
  baseUrl: string | undefined;
  tokens: TokenSource | undefined;
  /** Every token and secret of the run so far, to mask in what is printed or written (a live list). */
  secrets: readonly string[];
}

/**
 * Reads the credentials the options name, once for every command: an `.ionapi` file gives the
 * token endpoint and, unless --base-url says otherwise, the base URL. Nothing is asked of the token
 * endpoint until the first request.
 */
export async function tenantAccess(options: Pick<TenantOptions, 'baseUrl' | 'ionapi' | 'token' | 'timeoutMs'>): Promise<TenantAccess> {
  const credentials = options.ionapi ? await readIonApi(options.ionapi) : undefined;
  const tokens = tokenSourceFor(credentials, options.token, options.timeoutMs);
  return { baseUrl: options.baseUrl ?? (credentials ? baseUrlOf(credentials) : undefined), tokens, secrets: tokens?.secrets ?? [] };
}

/** The base URL a command needs, or the setup error that says where it comes from. */
export function requireBaseUrl(access: TenantAccess, command: string, flag = '--base-url'): string {
  if (access.baseUrl === undefined) throw new SetupError(`${command} needs ${flag} (or RPA_BASE_URL, or an --ionapi file)`);
  return access.baseUrl;
}
