import { readFile } from 'node:fs/promises';
import { SetupError } from '../errors/setupError';
import { maskSecrets } from './maskSecrets';
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

/** The values of a credentials file and a token that must never be printed. */
export function secretsOf(credentials: IonApiCredentials | undefined, token: string | undefined): (string | undefined)[] {
  return [token, credentials?.ci, credentials?.cs, credentials?.saak, credentials?.sask];
}

/** The API base of the tenant's RPA service behind the gateway: `iu` + `/` + `ti` + `/RPA`. */
export function baseUrlOf(credentials: IonApiCredentials): string {
  return `${credentials.iu.replace(/\/+$/, '')}/${credentials.ti}/RPA`;
}

/**
 * Gets a bearer token from the file's OAuth2 token endpoint (`pu` + `ot`): the password grant for a
 * service account (`saak`/`sask`), client credentials otherwise.
 */
export async function fetchToken(credentials: IonApiCredentials, timeoutMs: number): Promise<string> {
  const url = `${credentials.pu}${credentials.ot}`;
  const form = new URLSearchParams(
    credentials.saak && credentials.sask
      ? {
          grant_type: 'password',
          username: credentials.saak,
          password: credentials.sask,
          client_id: credentials.ci,
          client_secret: credentials.cs,
        }
      : { grant_type: 'client_credentials', client_id: credentials.ci, client_secret: credentials.cs },
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new IonApiError(`the token endpoint ${url} cannot be reached (${cause})`);
  }
  const text = await response.text();
  let body: { access_token?: unknown; error?: unknown; error_description?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Reported below by status or by the missing token.
  }
  if (!response.ok) {
    // Some endpoints echo what they were sent (the client secret, the service-account keys) in error_description.
    const reason = maskSecrets(
      [body.error, body.error_description].filter((part) => typeof part === 'string').join(': '),
      secretsOf(credentials, undefined),
    );
    throw new IonApiError(`the token endpoint ${url} refused the credentials (${response.status}${reason ? `, ${reason}` : ''})`);
  }
  if (typeof body.access_token !== 'string' || body.access_token === '')
    throw new IonApiError(`the token endpoint ${url} answered without an access_token`);
  return body.access_token;
}
