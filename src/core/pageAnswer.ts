import { setAt, type PagingScheme } from '../spec/calibration/pagingScheme';
import type { PlainRequest } from './plainRequest';

type Json = Record<string, unknown>;

/** One page of a documented list, and what the wire answer says of the paging besides. */
export interface Page {
  /** The documented list with this page's items only. */
  body: Json;
  /** Sets the paging fields on the answer in its wire shape. */
  decorate(wire: unknown): unknown;
  headers?: Record<string, string>;
}

/**
 * A page of a list as a calibrated tenant pages it (`x-paging`): the page the request names by its
 * page and size, offset and limit, or cursor, with the total, the next page's link or cursor and
 * the echoed position where the tenant sends them. A cursor is the next offset, opaque to clients.
 * `serve --overlay` and the MSW handlers answer with it, so verify --overlay follows their pages
 * the way it follows the tenant's.
 */
export function pageAnswer(scheme: PagingScheme, documented: Json, request: Pick<PlainRequest, 'path' | 'query'>): Page | undefined {
  const itemsKey = Object.keys(documented).find((key) => Array.isArray(documented[key]));
  if (itemsKey === undefined) return undefined;
  const all = documented[itemsKey] as unknown[];
  const { params, fields } = scheme;
  const query = (name: string | undefined) => {
    const value = name === undefined ? undefined : request.query[name];
    const text = Array.isArray(value) ? value[0] : value;
    return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  };
  const firstPage = scheme.firstPage ?? (scheme.style === 'next-link' ? 1 : 0);
  const pageParam = params.page ?? 'page';
  const sizeParam = params.size ?? params.limit ?? 'size';
  const size = Math.max(1, Math.min(query(sizeParam) ?? scheme.pageSize, 10_000));
  const cursor = params.cursor === undefined ? undefined : request.query[params.cursor];
  const cursorOffset = typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64url').toString().replace(/^o:/, '')) || 0 : 0;
  const page = query(pageParam) ?? firstPage;
  const offset =
    scheme.style === 'offset'
      ? (query(params.offset) ?? 0)
      : scheme.style === 'cursor'
        ? cursorOffset
        : Math.max(0, page - firstPage) * size;
  const items = all.slice(offset, offset + size);
  const more = offset + items.length < all.length;
  const nextQuery = (changes: Record<string, string>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query)) for (const v of [value].flat()) search.append(key, v);
    for (const [key, value] of Object.entries(changes)) search.set(key, value);
    return `${request.path}?${search}`;
  };
  const nextOffset = offset + items.length;
  const next = more
    ? scheme.style === 'offset'
      ? nextQuery({ [params.offset ?? 'offset']: String(nextOffset), [params.limit ?? 'limit']: String(size) })
      : nextQuery({ [pageParam]: String(page + 1), [sizeParam]: String(size) })
    : null;
  const nextCursor = more ? Buffer.from(`o:${nextOffset}`).toString('base64url') : null;
  const values: Record<string, unknown> = {
    total: all.length,
    totalPages: Math.ceil(all.length / size),
    page,
    size,
    offset,
    limit: size,
    next,
    cursor: nextCursor,
    hasMore: fields.hasMore !== undefined && /last$/i.test(fields.hasMore) ? !more : more,
  };
  return {
    body: { ...documented, [itemsKey]: items },
    decorate(wire) {
      if (!wire || typeof wire !== 'object' || Array.isArray(wire)) return wire;
      for (const [name, field] of Object.entries(fields)) if (field !== undefined) setAt(wire as Json, field, values[name]);
      return wire;
    },
    headers: scheme.linkHeader && next !== null ? { Link: `<${next}>; rel="next"` } : undefined,
  };
}
