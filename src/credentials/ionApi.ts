import { readFile } from 'node:fs/promises';
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

/** Reads an `.ionapi` file as downloaded from the ION API gateway's Authorized Apps page. */
export async function readIonApi(file: string): Promise<IonApiCredentials> {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : error instanceof SyntaxError
          ? 'it is not JSON'
          : (error as Error).message;
    throw new IonApiError(`the .ionapi file ${file} cannot be read: ${reason}`);
  }
  const missing = requiredKeys.filter((key) => typeof data[key] !== 'string' || data[key] === '');
  if (missing.length > 0) throw new IonApiError(`the .ionapi file ${file} lacks ${missing.map((k) => `'${k}'`).join(', ')}`);
  if ((typeof data.saak === 'string') !== (typeof data.sask === 'string')) {
    throw new IonApiError(`the .ionapi file ${file} has only one of 'saak' and 'sask'; a service account needs both`);
  }
  for (const key of ['iu', 'pu'] as const) {
    if (hasUrlCredentials(data[key] as string))
      throw new IonApiError(
        `the .ionapi file ${file} has credentials (user:password@) in its '${key}' URL: remove them, the file's ci/cs and saak/sask are the credentials`,
      );
  }
  return data as unknown as IonApiCredentials;
}

/** The API base of the tenant's RPA service behind the gateway: `iu` + `/` + `ti` + `/RPA`. */
export function baseUrlOf(credentials: IonApiCredentials): string {
  return `${credentials.iu.replace(/\/+$/, '')}/${credentials.ti}/RPA`;
}
