/**
 * How a tenant pages a list, as calibration learns it and the calibrated spec keeps it on the
 * operation (`x-paging`): verify follows it, and `serve --overlay` and the MSW handlers page the
 * same way. Field names are the wire's, dotted where nested (`page.totalElements`); parameters
 * are query parameter names.
 */
export interface PagingScheme {
  /** `page`: a page number and size; `offset`: an offset and limit; `cursor`: a token the answer gives; `next-link`: a URL it gives. */
  style: 'page' | 'offset' | 'cursor' | 'next-link';
  /** Items per page when the request does not say. */
  pageSize: number;
  /** The first page's number (0 or 1), for `page`. */
  firstPage?: number;
  params: { page?: string; size?: string; offset?: string; limit?: string; cursor?: string };
  fields: {
    total?: string;
    totalPages?: string;
    page?: string;
    size?: string;
    offset?: string;
    limit?: string;
    next?: string;
    cursor?: string;
    hasMore?: string;
  };
  /** The next page is named in a `Link: <…>; rel="next"` header (RFC 8288), as for a bare array. */
  linkHeader?: boolean;
}

/** A value at a dotted path of a body: `valueAt({ page: { number: 2 } }, 'page.number')` → 2. */
export function valueAt(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), body);
}

/** Sets a value at a dotted path, making the objects on the way. */
export function setAt(body: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = body;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}
