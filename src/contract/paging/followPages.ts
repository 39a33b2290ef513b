import type { Operation } from '../../spec/operations';
import type { Exchange } from '../httpClient';
import type { CheckContext, Finding } from '../types';
import { readPage } from './detectPaging';

/** At most this many bytes of pages are read for one list, whatever --max-pages says. */
const maxListBytes = 64 * 1024 * 1024;
/** And for at most this long. */
const maxListMs = 120_000;

export interface FollowedList {
  /** The whole list as one answer: the first page's fields, every page's items. */
  exchange: Exchange;
  findings: Finding[];
}

/**
 * A list answer with every page it has: a paged list (a total beyond its items, a next link, a
 * cursor, an echoed page or offset) is followed page by page up to `--max-pages`, 64 MB and two
 * minutes, and checked whole. Paging the spec does not declare (`x-paging`, from a calibration)
 * is a root cause on an inferred part, named once; a next page on another host is never asked for,
 * so the token goes nowhere else.
 */
export async function followPages(context: CheckContext, operation: Operation, first: Exchange): Promise<FollowedList> {
  if (first.status !== operation.successStatus) return { exchange: first, findings: [] };
  const known = operation.paging;
  let body: unknown;
  try {
    body = JSON.parse(first.text);
  } catch {
    return { exchange: first, findings: [] };
  }
  const url = new URL(first.url);
  let page = readPage(body, url, first.link, known);
  if (!page) return { exchange: first, findings: [] };
  const items = [...page.items];
  const firstCount = page.items.length;
  const findings: Finding[] = [];
  const started = performance.now();
  let pages = 1;
  let bytes = first.text.length;
  let stopped: string | undefined;
  while (page.next) {
    if (pages >= context.options.maxPages) stopped = `--max-pages ${context.options.maxPages}`;
    else if (bytes > maxListBytes) stopped = `${maxListBytes / 1024 / 1024} MB of pages`;
    else if (performance.now() - started > maxListMs) stopped = `${maxListMs / 1000} s of paging`;
    const base = new URL(`${context.options.baseUrl}/`);
    if (!stopped && page.next.origin !== base.origin) stopped = `a next page on another host (${page.next.origin}), never sent the token`;
    // A link from behind the gateway that does not know its prefix (`/api/v1/…`) is read under the API base.
    const path = page.next.pathname.startsWith(base.pathname)
      ? page.next.pathname.slice(base.pathname.length - 1)
      : page.next.pathname.startsWith('/api/')
        ? page.next.pathname
        : undefined;
    if (!stopped && path === undefined) stopped = `a next page outside the API base ${base.pathname} (${page.next.pathname})`;
    if (stopped) break;
    const exchange = await context.send('GET', `${path}${page.next.search}`);
    if (exchange.status !== operation.successStatus) {
      stopped = `page ${pages + 1} answered ${exchange.status}`;
      break;
    }
    let next: unknown;
    try {
      next = JSON.parse(exchange.text);
    } catch {
      stopped = `page ${pages + 1} is not JSON`;
      break;
    }
    const reading = readPage(next, page.next, exchange.link, page.scheme);
    if (!reading || reading.items.length === 0) break;
    if (JSON.stringify(reading.items[0]) === JSON.stringify(page.items[0])) {
      stopped = `page ${pages + 1}, which repeats page ${pages} (the paging parameters were not understood)`;
      break;
    }
    items.push(...reading.items);
    bytes += exchange.text.length;
    pages += 1;
    page = reading;
  }
  const request = `${first.method} ${first.url} → ${first.status}`;
  if (stopped)
    findings.push({
      severity: 'warning',
      request,
      rule: 'paging',
      message: `the list was read in ${pages} page${pages === 1 ? '' : 's'} and stopped at ${stopped}: the checks see ${items.length} items`,
    });
  if (!known) {
    const key = context.diagnosis.observe(
      {
        kind: 'paging',
        operationId: operation.operationId,
        scheme: page.scheme,
        pages,
        items: items.length,
        complete: !stopped,
        inferred: true,
      },
      context.currentCheck,
    );
    if (key) findings.push({ severity: 'failure', request, rule: 'root-cause', cause: key, message: `root cause ${key}`, inferred: true });
  }
  // The whole list, without what described its pages (a total, a next link …), except a count of it.
  const whole = { ...(body as Record<string, unknown>) };
  for (const field of Object.values(page.scheme.fields)) {
    const top = field?.split('.')[0];
    if (top !== undefined && !/^count$/i.test(top)) delete whole[top];
  }
  const merged = page.itemsKey === undefined ? items : { ...whole, [page.itemsKey]: items };
  // A count of the first page's items is a count of the whole list once it is whole.
  const countKey = Array.isArray(merged) ? undefined : Object.keys(merged).find((key) => /^count$/i.test(key));
  if (countKey !== undefined && (merged as Record<string, unknown>)[countKey] === firstCount)
    (merged as Record<string, unknown>)[countKey] = items.length;
  return { exchange: { ...first, text: JSON.stringify(merged) }, findings };
}
