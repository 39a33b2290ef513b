import { Option } from 'commander';
import { defaultContractOptions } from '../contract/options';
import { integerIn } from './parsers';

/** What the shared flags give, as commander names them. */
export interface TenantFlags {
  token?: string;
  ionapi?: string;
  maxJobs: number;
  maxPages: number;
  concurrency: number;
  timeout: number;
  retries: number;
}

/**
 * The flags verify, calibrate and record share to reach a tenant, each declared here once; their
 * defaults are the contract options'. `tenantOptions({ spec: 'OpenAPI 3.1 document to check against' })`.
 */
export function tenantOptions(help: { token?: string; ionapi?: string; spec?: string; maxJobs?: Option }): Option[] {
  return [
    new Option('--token <token>', help.token ?? 'bearer token to send').env('RPA_TOKEN'),
    new Option(
      '--ionapi <file>',
      help.ionapi ??
        'Infor .ionapi credentials file: get a token from its OAuth2 token endpoint, renewed before it expires and once on a 401',
    )
      .env('RPA_IONAPI')
      .conflicts('token'),
    help.maxJobs ??
      new Option('--max-jobs <count>', 'how many listed jobs to fetch by id')
        .default(defaultContractOptions.maxJobs)
        .argParser(integerIn(0, 10_000, 'max-jobs')),
    new Option('--max-pages <count>', 'how many pages of a paged list to read (a list also stops at 64 MB and 2 minutes of paging)')
      .default(defaultContractOptions.maxPages)
      .argParser(integerIn(1, 100_000, 'max-pages')),
    new Option('--concurrency <count>', 'requests in flight at once where they do not depend on each other (jobs and processes by id)')
      .default(defaultContractOptions.concurrency)
      .argParser(integerIn(1, 32, 'concurrency')),
    new Option('--timeout <ms>', 'time-out of one request')
      .default(defaultContractOptions.timeoutMs)
      .argParser(integerIn(1, 600_000, 'timeout')),
    new Option('--retries <count>', 'retries of a request whose connection failed')
      .default(defaultContractOptions.retries)
      .argParser(integerIn(0, 10, 'retries')),
    ...(help.spec ? [new Option('--spec <file>', help.spec).default(defaultContractOptions.specPath, 'the bundled RPA Jobs spec')] : []),
  ];
}
