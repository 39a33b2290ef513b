import { exec, type JsonValue } from 'jsonpath-rfc9535';
import { OverlayError } from './overlayError';
import { pointerOf } from '../../text/jsonPointer';

/** An OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0). */
export interface Overlay {
  overlay: string;
  info: { title: string; version: string };
  extends?: string;
  actions: OverlayAction[];
}

export interface OverlayAction {
  target: string;
  description?: string;
  update?: unknown;
  remove?: boolean;
}

/**
 * Applies an overlay's actions in order to a plain (not dereferenced) document, in place. Targets
 * are RFC 9535 JSONPath (jsonpath-rfc9535, the query language Overlay 1.0 names). `update` merges
 * into each object it targets (objects recursively, other values, arrays included, replaced) or is
 * appended to an array it targets; `remove` deletes each target. An action whose target matches
 * nothing stops with an OverlayError naming the action: a calibration that no longer applies must
 * not pass silently. Returns the JSON pointer each action touched.
 */
export function applyOverlay(document: Record<string, unknown>, overlay: Overlay, source: string): string[][] {
  const touched: string[][] = [];
  overlay.actions.forEach((action, index) => {
    const name = `${source}: action ${index} (${action.description?.split('\n')[0] ?? action.target})`;
    const matches: (string | number)[][] = [];
    try {
      exec(document as JsonValue, action.target, (_value, path) => matches.push([...path]));
    } catch (error) {
      throw new OverlayError(`${name}: target ${action.target} is not valid JSONPath (${(error as Error).message})`);
    }
    if (matches.length === 0) throw new OverlayError(`${name}: target ${action.target} matches nothing in the spec`);
    touched.push(matches.map(pointerOf));
    // Deepest first, and last index first, so removing one match never moves another.
    for (const path of matches.reverse()) {
      if (action.remove === true) removeAt(document, path);
      else updateAt(document, path, action.update, name);
    }
  });
  return touched;
}

function removeAt(document: Record<string, unknown>, path: (string | number)[]): void {
  if (path.length === 0) throw new OverlayError('an overlay cannot remove the whole document');
  const parent = valueAt(document, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

function updateAt(document: Record<string, unknown>, path: (string | number)[], update: unknown, name: string): void {
  const target = valueAt(document, path);
  if (Array.isArray(target)) {
    target.push(...(Array.isArray(update) ? update : [update]));
  } else if (isObject(target) && isObject(update)) {
    merge(target, update);
  } else {
    throw new OverlayError(`${name}: update of ${pointerOf(path)} needs an object or an array there, found ${JSON.stringify(target)}`);
  }
}

function merge(target: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(update)) {
    const current = target[key];
    if (isObject(current) && isObject(value)) merge(current, value);
    else target[key] = structuredClone(value);
  }
}

function valueAt(document: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], document);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
