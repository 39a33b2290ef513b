import { SetupError } from '../errors/setupError';
import type { OperationId } from '../spec/types';
import { ConnectionError, type Exchange } from './httpClient';
import { htmlPageTitle } from './diagnose/errorBody';
import type { CheckContext } from './types';

/** The base URL or the credentials cannot work: nothing is checked, exit 2 with what to change. */
export class PreflightError extends SetupError {}

/**
 * Before any check, and before anything that could start a robot: is the base URL the API's,
 * and are the credentials accepted? One request (the list, read-only) answers both. A problem
 * here is the set-up's, not the server's contract, so it stops the run instead of failing every
 * check. A server that cannot be reached is left to the checks, which report it as "could not run".
 */
export async function preflight(context: CheckContext, firstOperation: OperationId = 'listJobs'): Promise<void> {
  const operation = context.operations.get(firstOperation)!;
  refuseDoubledPrefix(context.options.baseUrl, operation.pathTemplate);
  const query = new URLSearchParams({ environment: context.options.environment }).toString();
  let exchange: Exchange;
  try {
    exchange = await context.send(operation.method.toUpperCase(), `${operation.pathTemplate}?${query}`);
  } catch (error) {
    if (error instanceof ConnectionError) return;
    throw error;
  }
  const request = `${exchange.method} ${exchange.url} → ${exchange.status}`;
  if (exchange.status === 401 || exchange.status === 403) {
    throw new PreflightError(
      context.options.tokenSource === undefined
        ? `the server wants credentials: ${request}. Pass --token (or RPA_TOKEN) or --ionapi`
        : `credentials rejected: ${request} with the token given. Hint: a token from an .ionapi file is a fresh one (a 401 renews it once first), so ` +
            `check that the file is this tenant's (its ti) and that its authorized app may call RPA${exchange.status === 403 ? ' (403: the token is valid but lacks the right)' : ''}`,
    );
  }
  if (exchange.status >= 300 && exchange.status < 400) {
    throw new PreflightError(
      `the base URL redirects (${request}${exchange.location ? ` to ${exchange.location}` : ''}): a login or portal page? --base-url should be https://<gateway>/<TENANT>/RPA`,
    );
  }
  const title = htmlPageTitle(exchange.contentType, exchange.text);
  if (title !== undefined) {
    throw new PreflightError(
      `the base URL answers an HTML page, not the API (${request}, titled '${title}'): a gateway, login or portal page? --base-url should be https://<gateway>/<TENANT>/RPA`,
    );
  }
  if (exchange.status === 404 && !looksLikeJson(exchange.text)) {
    throw new PreflightError(`no API at the base URL: ${request} without a JSON body. --base-url should be https://<gateway>/<TENANT>/RPA`);
  }
}

/** `…/RPA/api/v1` as the base doubles the spec's `/api/v1` prefix: every request would miss. */
function refuseDoubledPrefix(baseUrl: string, pathTemplate: string): void {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const segments = pathTemplate.split('/').filter(Boolean);
  for (let length = segments.length; length >= 2; length--) {
    const prefix = `/${segments.slice(0, length).join('/')}`;
    if (basePath.endsWith(prefix)) {
      const fixed = baseUrl.replace(/\/+$/, '').slice(0, -prefix.length);
      throw new PreflightError(
        `--base-url ends in ${prefix}, which the spec's paths start with: requests would go to …${prefix}${pathTemplate}. Use --base-url ${fixed}`,
      );
    }
  }
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
