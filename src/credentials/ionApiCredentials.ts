import { SetupError } from '../errors/setupError';
import { hasUrlCredentials } from './refuseUrlCredentials';

/** The keys of an Infor `.ionapi` credentials file that getting a token needs. */
export interface IonApiCredentials {
  /** Tenant. */
  ti: string;
  /** Client id and secret. */
  ci: string;
  cs: string;
  /** ION API gateway base URL. */
  iu: string;
  /** Authorization server base URL (ends with '/') and token path. */
  pu: string;
  ot: string;
  /** Service-account access and secret keys, for the password grant. */
  saak?: string;
  sask?: string;
}

/** A credentials file or token endpoint that cannot be used; its message never holds a secret. */
export class IonApiError extends SetupError {}

const requiredKeys = ['ti', 'ci', 'cs', 'iu', 'pu', 'ot'] as const;

/**
 * The credentials of a parsed `.ionapi` file, checked: every key a token needs, both or neither of
 * the service account's keys, no credentials in its URLs. `source` names it in messages. Needs
 * nothing of Node: the typed client checks a file an app bundled or fetched.
 */
export function checkIonApi(data: unknown, source: string): IonApiCredentials {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new IonApiError(`${source} is not an .ionapi object`);
  const record = data as Record<string, unknown>;
  const missing = requiredKeys.filter((key) => typeof record[key] !== 'string' || record[key] === '');
  if (missing.length > 0) throw new IonApiError(`${source} lacks ${missing.map((k) => `'${k}'`).join(', ')}`);
  if ((typeof record.saak === 'string') !== (typeof record.sask === 'string')) {
    throw new IonApiError(`${source} has only one of 'saak' and 'sask'; a service account needs both`);
  }
  for (const key of ['iu', 'pu'] as const) {
    if (hasUrlCredentials(record[key] as string))
      throw new IonApiError(
        `${source} has credentials (user:password@) in its '${key}' URL: remove them, the file's ci/cs and saak/sask are the credentials`,
      );
  }
  return record as unknown as IonApiCredentials;
}

/** The API base of the tenant's RPA service behind the gateway: `iu` + `/` + `ti` + `/RPA`. */
export function baseUrlOf(credentials: IonApiCredentials): string {
  return `${credentials.iu.replace(/\/+$/, '')}/${credentials.ti}/RPA`;
}
