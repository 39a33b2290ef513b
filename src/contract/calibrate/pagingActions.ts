import type { OverlayAction } from '../../spec/overlay/applyOverlay';
import type { Observation } from '../diagnose/observation';
import { jsonPathOf } from './rawLocations';

type Paging = Extract<Observation, { kind: 'paging' }>;

/**
 * A paged list as the tenant pages it: the scheme on the operation (`x-paging`, which verify
 * follows and the calibrated mock serves) and its query parameters, optional and x-inferred, so
 * that a request for a page is one the spec knows. Each operation gets the scheme its own list showed.
 */
export function pagingActions(
  observations: Observation[],
  operations: { operationId: string; method: string; pathTemplate: string }[],
): OverlayAction[] {
  const seen = new Map<string, Paging>();
  for (const o of observations) if (o.kind === 'paging' && !seen.has(o.operationId)) seen.set(o.operationId, o);
  return [...seen.values()].flatMap((paging) => {
    const operation = operations.find((candidate) => candidate.operationId === paging.operationId);
    if (!operation) return [];
    const home = jsonPathOf(['paths', operation.pathTemplate, operation.method]);
    const description = `The tenant pages this list (${paging.scheme.style}, ${paging.scheme.pageSize} a page): ${paging.items} items in ${paging.pages} pages seen.`;
    const names = Object.values(paging.scheme.params).filter((name): name is string => name !== undefined);
    const parameters = names.map((name) => ({
      name,
      in: 'query',
      required: false,
      description: `Paging, as the tenant pages this list (calibrated). ${description}`,
      schema: { type: name === paging.scheme.params.cursor ? 'string' : 'integer' },
      'x-inferred': true,
    }));
    return [
      { target: home, update: { 'x-paging': paging.scheme }, description },
      ...(parameters.length > 0
        ? [{ target: `${home}['parameters']`, update: parameters, description: `query parameters of the paging: ${names.join(', ')}` }]
        : []),
    ];
  });
}
