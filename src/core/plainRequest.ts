/**
 * A request as the core pipeline takes it, from any adapter: the Express server (a Node request)
 * or the MSW handlers (a fetch Request, in Node or a browser). Nothing here is of Node or Express.
 */
export interface PlainRequest {
  /** Upper case, as sent: `GET`. */
  method: string;
  /** The path without the query: `/api/v1/rpa/jobs/…`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  body: BodySource;
}

/** A request body the pipeline reads only when the operation takes one, and never past a limit. */
export interface BodySource {
  /** Whether the request carries a body at all (a length, or a transfer encoding). */
  readonly sent: boolean;
  /** Its bytes, at most `limit` of them. */
  read(limit: number): Promise<BodyBytes>;
}

export type BodyBytes = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'too-large' } | { kind: 'unreadable'; reason: string };

/** A header's value; the first, when it was sent more than once. Names in lower case: `headerOf(req, 'authorization')`. */
export function headerOf(req: Pick<PlainRequest, 'headers'>, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A URL's query as the pipeline takes it: a value per name, an array for a name sent more than once. */
export function queryOf(url: URL): PlainRequest['query'] {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}
