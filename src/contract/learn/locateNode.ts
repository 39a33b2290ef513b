import { chooseBranch } from '../../spec/calibration/chooseBranch';
import { listItemsKey } from '../diagnose/unwrapList';
import { isInferred } from '../diagnose/isInferred';
import { unescapeToken } from '../../text/jsonPointer';

type Schema = Record<string, unknown>;

/** Where a value sits in the schema: what a violation at a JSON pointer is about. */
export interface LocatedNode {
  /** The documented field, dotted, arrays as `[]`, a list's items read as top-level: `job_instances[].status`. */
  field: string;
  /** The property's schema as the spec writes it (with its `oneOf` with null, if any). */
  schema: Schema;
  /** The object schema that has the value as a property, and the property's name. */
  owner: Schema;
  property: string;
  /** Whether the value is an item of the array `property` holds, rather than the property itself. */
  item: boolean;
  /** Whether the node is marked x-inferred, or lies under a node that is within the same component. */
  inferred: boolean;
  /** The same of the owner: whether the property's presence is inferred (a documented field's is not). */
  ownerInferred: boolean;
}

/**
 * The schema node a JSON pointer of a body names, walked with the body so that a `oneOf` takes the
 * branch its value is meant to match. A node is inferred when it or a node above it is marked
 * x-inferred, where "above" stops at a component of its own (`Job` under the x-inferred `JobList`
 * is the Job component, whose documented fields stay documented): `components` is the set of
 * component schema objects. Undefined for the whole body, or a pointer the schema does not reach.
 */
export function locateNode(schema: unknown, body: unknown, pointer: string, components: ReadonlySet<object>): LocatedNode | undefined {
  const segments = pointer.split('/').slice(1).map(unescapeToken);
  let node = schema as Schema | undefined;
  let value = body;
  let inferred = isInferred(node);
  let field = '';
  let listItems = false;
  let located: LocatedNode | undefined;
  for (const segment of segments) {
    const branch = chooseBranch(node, value);
    if (!branch) return undefined;
    const properties = branch.properties as Record<string, Schema> | undefined;
    let child: Schema | undefined;
    if (Array.isArray(value) || (branch.type === 'array' && !properties)) {
      child = branch.items as Schema | undefined;
      field = listItems ? '' : `${field}[]`;
      listItems = false;
      if (located && located.item === false && located.schema === node) located = { ...located, item: true, field };
      else located = undefined;
    } else if (properties && segment in properties) {
      child = properties[segment];
      listItems = field === '' && located === undefined && segment === listItemsKey(branch);
      field = field ? `${field}.${segment}` : segment;
      located = child
        ? { field, schema: child, owner: branch, property: segment, item: false, inferred: false, ownerInferred: inferred }
        : undefined;
    }
    if (!child) return undefined;
    inferred = components.has(child) ? isInferred(child) : inferred || isInferred(child) || isInferred(chooseBranch(child, undefined));
    if (located) located.inferred = inferred;
    node = child;
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return located;
}

/** The schema objects that are components of their own, for locateNode. */
export function componentSchemas(document: unknown): Set<object> {
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {};
  return new Set(Object.values(schemas).filter((schema): schema is object => !!schema && typeof schema === 'object'));
}
