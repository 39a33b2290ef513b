import { sameLetters } from '../diagnose/namingConvention';
import { valueAt, type PagingScheme } from '../../spec/calibration/pagingScheme';

type Json = Record<string, unknown>;

/** What paging fields are called in the wild (Spring, OData, JSON:API, Stripe, GitHub, Azure …), in any naming convention. */
const vocabulary: Record<keyof PagingScheme['fields'], string[]> = {
  total: ['total', 'total_count', 'total_elements', 'total_items', 'total_results', 'total_records', 'odata.count', 'count'],
  totalPages: ['total_pages', 'page_count', 'pages', 'last_page'],
  page: ['page', 'page_number', 'number', 'current_page', 'page_index', 'page_no'],
  size: ['size', 'page_size', 'per_page', 'page_limit', 'items_per_page'],
  offset: ['offset', 'skip', 'start', 'start_index'],
  limit: ['limit', 'max_results', 'top'],
  next: ['next', 'next_link', 'next_page', 'next_page_url', 'next_url', 'odata.next_link', 'next_href'],
  cursor: ['next_cursor', 'cursor', 'next_page_token', 'continuation_token', 'next_token', 'after'],
  hasMore: ['has_more', 'has_next', 'has_next_page', 'more', 'last'],
};
/** Field names that are also the names of the query parameters that ask for them. */
const pageParams = ['page', 'page_number', 'page_no', 'page_index'];
const sizeParams = ['size', 'page_size', 'per_page', 'page_limit', 'limit'];
/** Objects that hold paging fields beside the items. */
const holders = ['page', 'paging', 'pagination', 'meta', 'links', '_links', 'page_info'];

/** A list answer's paging, read from one page: the scheme, the items, and where the next page is. */
export interface PageReading {
  scheme: PagingScheme;
  items: unknown[];
  /** The key the items are under, undefined for a bare array. */
  itemsKey: string | undefined;
  total?: number;
  /** The next page's URL, or undefined on the last page. */
  next: URL | undefined;
}

/**
 * Reads a page of a list: whether the answer is paged, how, and where the next page is. A list is
 * paged when it says so: a total beyond its items, a next link, cursor or `Link` header, a page or
 * offset it echoes. A known scheme (the calibrated spec's `x-paging`) is read as it says; otherwise
 * the fields are found by name. Undefined for a list that is all there is.
 */
export function readPage(body: unknown, url: URL, link: string | undefined, known?: PagingScheme): PageReading | undefined {
  const found = itemsOf(body);
  if (!found) return undefined;
  const scheme = known ?? detectScheme(body, found.items, url, link);
  if (!scheme) return undefined;
  const number = (field: string | undefined) => {
    const value = field === undefined ? undefined : valueAt(body, field);
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  };
  const total = number(scheme.fields.total);
  return { scheme, ...found, total, next: nextPage(body, found.items.length, url, link, scheme, number) };
}

function detectScheme(body: unknown, items: unknown[], url: URL, link: string | undefined): PagingScheme | undefined {
  const fields: PagingScheme['fields'] = {};
  for (const [name, words] of Object.entries(vocabulary) as [keyof PagingScheme['fields'], string[]][]) {
    const field = fieldNamed(body, words);
    if (field !== undefined) fields[name] = field;
  }
  // The spec's own `count` is a total only when it says there are more items than sent.
  if (fields.total !== undefined && /count$/i.test(fields.total) && !(Number(valueAt(body, fields.total)) > items.length))
    delete fields.total;
  // A parameter is the one the request sent, or is named as its field, where the field's name is
  // one a parameter takes (`per_page`); an echo such as Spring's `number` stands for `page`.
  const param = (field: string | undefined, fallback: string, names: string[] = []) => {
    const name = field?.split('.').pop();
    const sent = [...url.searchParams.keys()].find((key) => name !== undefined && sameLetters(key, name));
    if (sent !== undefined) return sent;
    return name !== undefined && (names.length === 0 || names.some((known) => sameLetters(known, name))) ? name : fallback;
  };
  const pageSize = Number(valueAt(body, fields.size ?? fields.limit ?? '')) || items.length;
  const nextValue = fields.next === undefined ? undefined : valueAt(body, fields.next);
  if (typeof nextValue === 'string' || (nextValue && typeof nextValue === 'object' && typeof (nextValue as Json).href === 'string')) {
    return { style: 'next-link', pageSize, params: {}, fields };
  }
  if (link !== undefined && /rel="?next"?/i.test(link)) return { style: 'next-link', pageSize, params: {}, fields, linkHeader: true };
  if (fields.cursor !== undefined && typeof valueAt(body, fields.cursor) === 'string') {
    const name = fields.cursor
      .split('.')
      .pop()!
      .replace(/^next_?/i, '');
    return {
      style: 'cursor',
      pageSize,
      params: { cursor: param(undefined, name.charAt(0).toLowerCase() + name.slice(1)), size: param(fields.size, 'size', sizeParams) },
      fields,
    };
  }
  if (fields.offset !== undefined && typeof valueAt(body, fields.offset) === 'number') {
    return {
      style: 'offset',
      pageSize,
      params: { offset: param(fields.offset, 'offset'), limit: param(fields.limit ?? fields.size, 'limit') },
      fields,
    };
  }
  const page = fields.page === undefined ? undefined : valueAt(body, fields.page);
  if (typeof page === 'number' && (fields.total !== undefined || fields.totalPages !== undefined || fields.hasMore !== undefined)) {
    const firstPage =
      url.searchParams.size === 0 || ![...url.searchParams.keys()].some((key) => sameLetters(key, fields.page!.split('.').pop()!))
        ? page
        : undefined;
    return {
      style: 'page',
      pageSize,
      firstPage: firstPage === 1 ? 1 : 0,
      params: { page: param(fields.page, 'page', pageParams), size: param(fields.size, 'size', sizeParams) },
      fields,
    };
  }
  return undefined;
}

function nextPage(
  body: unknown,
  count: number,
  url: URL,
  link: string | undefined,
  scheme: PagingScheme,
  number: (field: string | undefined) => number | undefined,
): URL | undefined {
  const { fields, params } = scheme;
  if (count === 0) return undefined;
  const more = fields.hasMore === undefined ? undefined : valueAt(body, fields.hasMore);
  // `last: true` says the opposite of `has_more: true`.
  const hasMore = more === undefined ? undefined : /last$/i.test(fields.hasMore!) ? more !== true : more === true;
  if (hasMore === false) return undefined;
  const with_ = (changes: Record<string, string>) => {
    const next = new URL(url);
    for (const [key, value] of Object.entries(changes)) next.searchParams.set(key, value);
    return next;
  };
  switch (scheme.style) {
    case 'next-link': {
      const value = scheme.linkHeader ? /<([^>]+)>\s*;[^,]*rel="?next"?/i.exec(link ?? '')?.[1] : valueAt(body, fields.next ?? '');
      const href = value && typeof value === 'object' ? (value as Json).href : value;
      return typeof href === 'string' && href !== '' ? new URL(href, url) : undefined;
    }
    case 'cursor': {
      const cursor = valueAt(body, fields.cursor ?? '');
      return typeof cursor === 'string' && cursor !== '' ? with_({ [params.cursor!]: cursor }) : undefined;
    }
    case 'offset': {
      const offset = number(fields.offset) ?? Number(url.searchParams.get(params.offset!) ?? 0);
      const total = number(fields.total);
      if (total !== undefined ? offset + count >= total : hasMore !== true) return undefined;
      return with_({ [params.offset!]: String(offset + count), [params.limit!]: String(scheme.pageSize) });
    }
    case 'page': {
      const page = number(fields.page) ?? Number(url.searchParams.get(params.page!) ?? scheme.firstPage ?? 0);
      const totalPages = number(fields.totalPages);
      const total = number(fields.total);
      const seen = page - (scheme.firstPage ?? 0) + 1;
      const done = totalPages !== undefined ? seen >= totalPages : total !== undefined ? seen * scheme.pageSize >= total : hasMore !== true;
      return done ? undefined : with_({ [params.page!]: String(page + 1), [params.size!]: String(scheme.pageSize) });
    }
  }
}

/** The items of a list answer: a bare array, or the one array of objects among its top-level fields. */
function itemsOf(body: unknown): { items: unknown[]; itemsKey: string | undefined } | undefined {
  if (Array.isArray(body)) return { items: body, itemsKey: undefined };
  if (!body || typeof body !== 'object') return undefined;
  const arrays = Object.entries(body).filter(
    ([, value]) => Array.isArray(value) && value.every((item) => item && typeof item === 'object'),
  );
  return arrays.length === 1 ? { items: arrays[0]![1] as unknown[], itemsKey: arrays[0]![0] } : undefined;
}

/** The dotted path of the first field, top-level or in a paging holder, whose name is one of `words` in any convention. */
function fieldNamed(body: unknown, words: string[]): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Json;
  const matches = (key: string) => words.some((word) => sameLetters(key, word));
  const top = Object.keys(record).find(
    (key) =>
      matches(key) &&
      !Array.isArray(record[key]) &&
      (typeof record[key] !== 'object' || record[key] === null || 'href' in (record[key] as Json)),
  );
  if (top !== undefined) return top;
  for (const holder of Object.keys(record).filter((key) => holders.some((name) => sameLetters(key, name)))) {
    const inner = record[holder];
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) continue;
    const key = Object.keys(inner).find(matches);
    if (key !== undefined) return `${holder}.${key}`;
  }
  return undefined;
}
