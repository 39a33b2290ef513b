import type { Check, CheckContext } from '../types';
import { callOperation } from './call';

/** With credentials configured, the server must refuse requests without them or with wrong ones. */
export function authChecks(context: CheckContext): Check[] {
  if (context.options.tokenSource === undefined) return [];
  const query = { environment: context.options.environment };
  return [
    {
      id: 'auth/no-token',
      operationId: 'listJobs',
      title: 'a request without a bearer token gets 401',
      run: async (ctx: CheckContext) => (await callOperation(ctx, 'listJobs', { query, auth: 'none' }, 401)).findings,
    },
    {
      id: 'auth/wrong-token',
      operationId: 'listJobs',
      title: 'a request with a wrong bearer token gets 401',
      run: async (ctx: CheckContext) =>
        (await callOperation(ctx, 'listJobs', { query, auth: { token: 'rpa-mock-not-a-valid-token' } }, 401)).findings,
    },
  ];
}
