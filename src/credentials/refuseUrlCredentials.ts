import { SetupError } from '../errors/setupError';

/** A URL that carries credentials (`user:password@` before the host); its message never repeats them. */
export class CredentialsInUrlError extends SetupError {}

/** A scheme, then `//` or not, then anything up to an `@` before the first `/`, `?` or `#`: the userinfo. */
const userinfo = /^(?:[a-z][a-z0-9+.-]*:)?(?:\/\/)?[^/?#@\s]*@/i;

/**
 * Refuses a URL with credentials in it: they would be printed (reports, logs, the banner) and sent
 * on every request in the clear. `source` names where the URL came from, such as `--base-url`.
 */
export function refuseUrlCredentials(url: string, source: string): void {
  if (hasUrlCredentials(url)) {
    throw new CredentialsInUrlError(`${source} must not carry credentials (user:password@ before the host): use --token or --ionapi`);
  }
}

/** Whether a URL carries credentials before its host. */
export function hasUrlCredentials(url: string): boolean {
  return userinfo.test(url.trim());
}
