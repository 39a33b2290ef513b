import fc from 'fast-check';
import { isJobById, isJobList, type Passing, type Transform } from './driftingMock';
import { camelCase, pascalCase, renameKeys } from './reshape';
import { conformingTraits, gatewayName, tenantGateway } from './tenantHabits';

type Json = Record<string, unknown>;

/** One way a stand-in tenant differs from the spec, or behaves as the spec says (`departs: false`). */
export interface TenantTrait {
  name: string;
  departs: boolean;
  /** Changes a job (list item or by id), in documented names. */
  job?: (job: Json) => Json;
  /** Changes a whole successful body, after the jobs; a renaming one last, after the envelope's. */
  body?: (body: unknown, passing: Passing) => unknown;
  renames?: true;
  /** Changes the answer as sent (status, media type), last. */
  answer?: (passing: Passing) => Passing;
}

const words = ['low', 'normal', 'high', 'urgent'];
const statusWords: Record<string, string> = {
  scheduled: 'Planned',
  running: 'InProgress',
  completed: 'Done',
  failed: 'Error',
  cancelled: 'Aborted',
  queued: 'Waiting',
};

/** Departures on x-inferred nodes that no reader knows by name: the learner must learn them. */
const shapeTraits: TenantTrait[] = [
  { name: 'priority as a word', departs: true, job: (job) => ({ ...job, priority: words[Number(job.priority) % words.length] }) },
  {
    name: 'job_instances as an object keyed by id',
    departs: true,
    job: (job) => ({
      ...job,
      job_instances: Object.fromEntries(((job.job_instances as Json[] | null) ?? []).map((run) => [String(run.id), run])),
    }),
  },
  {
    name: 'job_instances as ids',
    departs: true,
    job: (job) => ({ ...job, job_instances: ((job.job_instances as Json[] | null) ?? []).map((run) => String(run.id)) }),
  },
  {
    name: 'environment ids not UUIDs',
    departs: true,
    job: (job) => ({ ...job, environment_id: `ENV-${String(job.environment_id).slice(0, 4).toUpperCase()}` }),
  },
  {
    name: 'status in words of its own',
    departs: true,
    job: (job) => ({ ...job, status: statusWords[String(job.status)] ?? job.status }),
  },
  {
    name: 'scheduled as a cron string',
    departs: true,
    job: (job) => ({ ...job, scheduled: (job.scheduled as Json | null)?.cron_expression ?? null }),
  },
  { name: 'priority over 10', departs: true, job: (job) => ({ ...job, priority: Number(job.priority) * 10 }) },
];

/** Departures the readers know by name. */
const isSuccess = (p: Passing) => p.status >= 200 && p.status < 300;

/** Successful answers other than the spec guessed: their media type, and the status of an execution. */
const successTraits: TenantTrait[] = [
  ...['application/vnd.infor.rpa.v1+json', 'text/json'].map((mediaType): TenantTrait => ({
    name: `successful answers as ${mediaType}`,
    departs: true,
    answer: (p) => (isSuccess(p) ? { ...p, contentType: mediaType } : p),
  })),
  {
    name: '_execute answering 201 Created',
    departs: true,
    answer: (p) => (p.method === 'POST' && p.path.endsWith('/_execute') && p.status === 202 ? { ...p, status: 201 } : p),
  },
];

const namedTraits: TenantTrait[] = [
  { name: 'camelCase names', departs: true, renames: true, body: (body) => renameKeys(body, camelCase) },
  { name: 'PascalCase names', departs: true, renames: true, body: (body) => renameKeys(body, pascalCase) },
  { name: 'a bare-array list', departs: true, body: (body, p) => (isJobList(p) ? (body as { jobs: unknown[] }).jobs : body) },
  {
    name: 'a { data, total } list',
    departs: true,
    body: (body, p) => (isJobList(p) ? { total: (body as Json).count, data: (body as Json).jobs } : body),
  },
  { name: 'nulls left out', departs: true, body: dropNulls },
];

/** The list's items of one page, as the request asks for it (`page`/`size`, `offset`/`limit`, `cursor`), two a page by default. */
function pageOf(passing: Passing, items: unknown[], style: 'page0' | 'page1' | 'offset' | 'cursor') {
  // Parameters in any case, as ASP.NET binds them: a PascalCase tenant answers to the names it echoes (`Offset`).
  const query = new URLSearchParams(
    [...new URL(passing.path, 'http://tenant').searchParams].map(([key, value]): [string, string] => [key.toLowerCase(), value]),
  );
  const size = Number(query.get(style === 'offset' ? 'limit' : 'size') ?? 2);
  const first = style === 'page1' ? 1 : 0;
  const page = Number(query.get('page') ?? first);
  const offset =
    style === 'offset' ? Number(query.get('offset') ?? 0) : style === 'cursor' ? Number(query.get('cursor') ?? 0) : (page - first) * size;
  const slice = items.slice(offset, offset + size);
  const nextQuery = new URLSearchParams(query);
  nextQuery.set('page', String(page + 1));
  nextQuery.set('size', String(size));
  const more = offset + slice.length < items.length;
  // The path as the client sees it, behind a gateway too.
  const next = more ? `${passing.mount}${passing.path.split('?')[0]}?${nextQuery}` : null;
  return { slice, size, page, offset, more, next, total: items.length };
}

const listItems = (body: unknown) => (body as { jobs: unknown[] }).jobs;

/** Lists paged in the ways public APIs page them: the kit must read every page. */
const pagingTraits: TenantTrait[] = [
  {
    name: 'a Spring page list',
    departs: true,
    body: (body, p) => {
      if (!isJobList(p)) return body;
      const page = pageOf(p, listItems(body), 'page0');
      return {
        content: page.slice,
        totalElements: page.total,
        totalPages: Math.ceil(page.total / page.size),
        number: page.page,
        size: page.size,
      };
    },
  },
  {
    name: 'an offset paged list',
    departs: true,
    body: (body, p) => {
      if (!isJobList(p)) return body;
      const page = pageOf(p, listItems(body), 'offset');
      return { items: page.slice, total: page.total, offset: page.offset, limit: page.size };
    },
  },
  {
    name: 'a next-link paged list',
    departs: true,
    body: (body, p) => {
      if (!isJobList(p)) return body;
      const page = pageOf(p, listItems(body), 'page1');
      return { count: page.slice.length, jobs: page.slice, next: page.next };
    },
  },
  {
    name: 'a cursor paged list',
    departs: true,
    body: (body, p) => {
      if (!isJobList(p)) return body;
      const page = pageOf(p, listItems(body), 'cursor');
      return { count: page.slice.length, jobs: page.slice, next_cursor: page.more ? String(page.offset + page.slice.length) : null };
    },
  },
  {
    // GitHub's way: a bare array, `page` from 1 and `per_page`, the next page in a Link header (RFC 8288).
    name: 'a Link-header paged list',
    departs: true,
    answer: (p) => {
      if (!isJobList(p) || p.status !== 200) return p;
      const url = new URL(p.path, 'http://tenant');
      const [page, perPage] = [Number(url.searchParams.get('page') ?? 1), Number(url.searchParams.get('per_page') ?? 2)];
      // Runs after any renaming trait: the items are the one array, whatever its key is called.
      const jobs = Object.values(JSON.parse(p.body) as Json).find(Array.isArray) as unknown[];
      url.searchParams.set('page', String(page + 1));
      url.searchParams.set('per_page', String(perPage));
      const more = page * perPage < jobs.length;
      const body = JSON.stringify(jobs.slice((page - 1) * perPage, page * perPage));
      return { ...p, body, headers: more ? { ...p.headers, Link: `<${p.mount}${url.pathname}${url.search}>; rel="next"` } : p.headers };
    },
  },
];

export const tenantTraits = [...shapeTraits, ...namedTraits, ...successTraits, ...pagingTraits, ...conformingTraits];

/** A composed tenant: 1 to 3 traits, at most one of each name, in a stable order; a third of them behind a gateway. */
export const composedTenant = fc
  .record({
    traits: fc.subarray(tenantTraits, { minLength: 1, maxLength: 3 }).filter((traits) => !clashes(traits)),
    gateway: fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: tenantGateway, weight: 1 }),
  })
  .map(({ traits, gateway }) => ({
    traits,
    gateway,
    departs: traits.some((trait) => trait.departs),
    name: traits.map((t) => t.name).join(' + ') + (gateway ? gatewayName(gateway) : ''),
  }));

export type ComposedTenant = typeof composedTenant extends fc.Arbitrary<infer T> ? T : never;

/** Traits that change the same node, or both name the list's envelope or convention, do not compose. */
function clashes(traits: TenantTrait[]): boolean {
  const names = traits.map((trait) => trait.name);
  const groups = [/job_instances/, /names$/, /list$/, /priority/, /^successful answers as/];
  // Nulls left out would drop a last page's null cursor or link: a clash only in the stand-in.
  if (names.includes('nulls left out') && names.some((name) => /cursor|next-link/.test(name))) return true;
  return groups.some((group) => names.filter((name) => group.test(name)).length > 1);
}

/** The transform of a composed tenant: jobs first, then bodies, then answers. */
export function transformOf(traits: TenantTrait[]): Transform {
  return (passing) => {
    let out = passing;
    if (out.status >= 200 && out.status < 300 && out.contentType.startsWith('application/json')) {
      let body = JSON.parse(out.body) as unknown;
      for (const trait of traits) if (trait.job) body = changeJobs(body, out, trait.job);
      const bodies = [...traits.filter((trait) => !trait.renames), ...traits.filter((trait) => trait.renames)];
      for (const trait of bodies) if (trait.body) body = trait.body(body, out);
      out = { ...out, body: JSON.stringify(body) };
    }
    for (const trait of traits) if (trait.answer) out = trait.answer(out);
    return out;
  };
}

function changeJobs(body: unknown, passing: Passing, change: (job: Json) => Json): unknown {
  const record = body as Json;
  if (isJobList(passing) && Array.isArray(record.jobs)) return { ...record, jobs: (record.jobs as Json[]).map(change) };
  return isJobById(passing) ? change(record) : body;
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, child]) => (child === null ? [] : [[key, dropNulls(child)]])));
}
