import type { OverlayAction } from '../../spec/overlay/applyOverlay';
import type { Sample } from './calibrationSample';
import { at, jsonPathOf } from './rawLocations';

type Raw = Record<string, unknown>;

/**
 * Successful answers as the tenant sends them, where the spec's choice is x-inferred: the media
 * type (the documentation names none) and the success status of an x-inferred operation
 * (`_execute`'s 202). The response keeps its schema; only the status it is declared under and the
 * media type its content is declared for change, each operation on its own.
 */
export function successActions(sample: Sample): OverlayAction[] {
  const changes = new Map<string, { status: number; media?: string; found?: number }>();
  for (const o of sample.observations) {
    if (o.kind === 'media' && o.status < 400 && o.inferred) {
      const change = changes.get(o.operationId) ?? { status: o.status };
      change.media ??= o.found;
      changes.set(o.operationId, change);
    }
    if (o.kind === 'success-status') {
      const change = changes.get(o.operationId) ?? { status: o.expected };
      change.found ??= o.found;
      changes.set(o.operationId, change);
    }
  }
  return [...changes].flatMap(([operationId, change]): OverlayAction[] => {
    const operation = sample.operations.find((candidate) => candidate.operationId === operationId);
    if (!operation) return [];
    const responses = ['paths', operation.pathTemplate, operation.method, 'responses'];
    const home = [...responses, String(change.status)];
    const raw = at(sample.raw, home) as Raw | undefined;
    if (!raw || typeof raw.$ref === 'string') return [];
    const content = (raw.content ?? {}) as Record<string, Raw>;
    const [declaredMedia] = Object.keys(content);
    const media = change.media ?? declaredMedia;
    const renamed = declaredMedia === undefined || media === undefined ? content : { [media]: content[declaredMedia]! };
    const status = change.found ?? change.status;
    const evidence = [
      ...(change.found === undefined ? [] : [`status ${change.found}, not ${change.status}`]),
      ...(change.media === undefined ? [] : [`${change.media}, not ${declaredMedia}`]),
    ].join('; ');
    const description = `${operationId} answers as the tenant sends it: ${evidence} (calibrated).`;
    if (status === change.status)
      return [
        { target: `${jsonPathOf(home)}.content`, remove: true, description: `${home.join('.')}: replaced by the tenant's media type` },
        { target: jsonPathOf(home), update: { content: renamed }, description },
      ];
    const moved = { ...raw, description: `${String(raw.description ?? '')} ${description}`.trim(), content: renamed };
    return [
      { target: jsonPathOf(home), remove: true, description: `${home.join('.')}: declared under the tenant's status below` },
      { target: jsonPathOf(responses), update: { [String(status)]: moved }, description },
    ];
  });
}
