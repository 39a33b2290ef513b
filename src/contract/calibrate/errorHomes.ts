/** Where each operation's error responses are written in the plain spec, following a `$ref` to its component. */
export function errorHomes(
  raw: Record<string, unknown>,
  operations: { operationId: string; method: string; pathTemplate: string; responses: Record<string, unknown> }[],
): Map<string, Map<number, string[]>> {
  const homes = new Map<string, Map<number, string[]>>();
  for (const operation of operations) {
    const perStatus = new Map<number, string[]>();
    for (const status of Object.keys(operation.responses).filter((s) => /^[45]\d\d$/.test(s))) {
      const path = ['paths', operation.pathTemplate, operation.method, 'responses', status];
      const node = path.reduce<unknown>((n, key) => (n as Record<string, unknown>)[key], raw) as { $ref?: string };
      perStatus.set(Number(status), node.$ref ? node.$ref.slice(2).split('/') : path);
    }
    homes.set(operation.operationId, perStatus);
  }
  return homes;
}
