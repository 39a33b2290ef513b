import { sameLetters } from './namingConvention';

type Schema = Record<string, unknown>;

/** Keys that say an object is an error: OAuth 2.0, RFC 9457, Spring, ASP.NET and gateway errors all carry one. */
const sayingKeys = ['error', 'errors', 'error_description', 'message', 'fault', 'detail', 'details', 'title', 'reason', 'faultstring'];
/** Keys error objects carry beside those, and nothing else does in this API's answers. */
const besideKeys = [
  'code',
  'status',
  'status_code',
  'type',
  'instance',
  'timestamp',
  'path',
  'trace',
  'trace_id',
  'request_id',
  'correlation_id',
  'success',
];

/**
 * The message of a success answer that is not the API's at all but an error object (`200 {"error":
 * "not authorized"}`): an object whose every key is an error's, one of them saying what went wrong.
 * Undefined for a body that may be the API's: any field an error does not carry (`id`, `jobs`,
 * `count` …) makes it one. Such an answer is never a departure to learn or calibrate away: nothing
 * of the API was served.
 */
export function errorBodyMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  const known = (key: string, names: string[]) => names.some((name) => sameLetters(key, name));
  if (keys.length === 0 || !keys.every((key) => known(key, sayingKeys) || known(key, besideKeys))) return undefined;
  if (!keys.some((key) => known(key, sayingKeys))) return undefined;
  return textOf(body as Schema) ?? JSON.stringify(body).slice(0, 200);
}

/** The first words an error object says of itself: its description, message, detail or error. */
function textOf(body: Schema): string | undefined {
  for (const name of ['error_description', 'message', 'detail', 'title', 'error', 'faultstring', 'fault', 'reason', 'errors', 'details']) {
    const key = Object.keys(body).find((candidate) => sameLetters(candidate, name));
    const value = key === undefined ? undefined : body[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
    const nested = Array.isArray(value) ? value[0] : value;
    if (nested && typeof nested === 'object') {
      const text = textOf(nested as Schema);
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * The title of a success answer that is an HTML page (a gateway's login or portal page, served
 * with 200 where the API was asked for), or its first words; undefined for a body that is no page.
 */
export function htmlPageTitle(contentType: string | undefined, text: string): string | undefined {
  const head = text.slice(0, 2048);
  // A page, not JSON mislabelled as one: HTML by its media type and first character, or by its first tag.
  const page = contentType === 'text/html' ? /^\s*</.test(head) : /^\s*<(!doctype html|html)[\s>]/i.test(head);
  if (!page) return undefined;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1] ?? head.replace(/<[^>]*>/g, ' ');
  return title.replace(/\s+/g, ' ').trim().slice(0, 120) || '(no title)';
}
