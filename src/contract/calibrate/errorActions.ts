import type { OverlayAction } from '../../spec/overlay/applyOverlay';
import type { Observation } from '../diagnose/observation';
import type { Sample } from './calibrationSample';
import { at, jsonPathOf } from './rawLocations';

type Raw = Record<string, unknown>;

/** Error answers as the tenant sends them, on error responses whose media type and shape are x-inferred. */
export function errorAnswers(sample: Sample): OverlayAction[] {
  const actions = new Map<string, OverlayAction[]>();
  for (const o of sample.observations) {
    if ((o.kind !== 'media' || o.status < 400) && o.kind !== 'error-shape') continue;
    const home = sample.errorHomes.get(o.operationId)?.get(o.status);
    if (!home || actions.has(home.join('/'))) continue;
    const shape = sample.observations.find(
      (s): s is Extract<Observation, { kind: 'error-shape' }> =>
        s.kind === 'error-shape' && s.operationId === o.operationId && s.status === o.status,
    );
    const media = sample.observations.find(
      (m): m is Extract<Observation, { kind: 'media' }> => m.kind === 'media' && m.operationId === o.operationId && m.status === o.status,
    );
    const raw = at(sample.raw, home) as Raw;
    const mediaType = media?.found ?? Object.keys((raw.content ?? {}) as Raw)[0]!;
    const declared = (raw.content as Record<string, Raw> | undefined)?.[Object.keys((raw.content ?? {}) as Raw)[0]!];
    const schema = shape ? errorSchema(shape.example, o.status) : declared?.schema;
    const description = `Status ${o.status} of ${o.operationId} as the tenant answers it: ${mediaType}${shape ? `, ${JSON.stringify(shape.example).slice(0, 80)}` : ''}.`;
    actions.set(home.join('/'), [
      { target: `${jsonPathOf(home)}.content`, remove: true, description: `${home.join('.')}: replaced by the tenant's error answer` },
      { target: jsonPathOf(home), update: { content: { [mediaType]: { schema } } }, description },
    ]);
  }
  return [...actions.values()].flat();
}

/** The schema of an error body seen, linked to the documented problem fields where the values say which. */
function errorSchema(example: unknown, status: number): Raw {
  if (!example || typeof example !== 'object' || Array.isArray(example)) return schemaOf(example);
  const properties: Record<string, Raw> = {};
  for (const [key, value] of Object.entries(example)) {
    const field = value === status ? 'status' : typeof value === 'string' ? 'detail' : undefined;
    properties[key] = { ...schemaOf(value), ...(field ? { 'x-field': field } : {}) };
  }
  return { type: 'object', required: Object.keys(properties), properties, description: 'The error body the tenant sends (seen).' };
}

function schemaOf(value: unknown): Raw {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array' };
  if (Number.isInteger(value)) return { type: 'integer' };
  return { type: typeof value === 'number' ? 'number' : typeof value };
}
