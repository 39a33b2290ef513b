import { escapeXml } from '../text/escapeXml';

/**
 * Written forms this long are masked wherever they appear. A shorter one (a 1-character test token)
 * is masked only where it stands as a whole value, so that masking "a" does not blank every "a" of a
 * report: between quotes (`"a"`, `'a'`, `\"a\"`, `&quot;a&quot;`, `%22a%22`), or after `=` or
 * `Bearer ` (a query, form or header value) up to where a token would end.
 */
const maskedAnywhereFrom = 4;
/** Characters of an OAuth token (RFC 6750 b64token): a whole value ends at any other. */
const tokenCharacter = '[A-Za-z0-9._~+/=-]';
const mask = '***';

/**
 * Replaces every secret in a text with `***`: tokens, client ids and secrets and service-account
 * keys never reach the console, a JSON report or a JUnit file. Each secret is masked in every form a
 * report writes it: as is, JSON-escaped, XML-escaped (also XML of JSON), URL- and form-encoded.
 * `maskSecrets('Authorization: Bearer tok', ['tok'])` → `'Authorization: Bearer ***'`.
 */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const long = new Set<string>();
  const short = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of writtenForms(secret)) if (form) (form.length >= maskedAnywhereFrom ? long : short).add(form);
  }
  let masked = text;
  if (long.size > 0) masked = masked.replace(new RegExp(alternatives(long), 'g'), mask);
  if (short.size > 0) {
    const forms = alternatives(short);
    const quote = `["']|&quot;|&#39;|%22`;
    masked = masked
      .replace(new RegExp(`(?<=${quote})(?:${forms})(?=\\\\?(?:${quote}))`, 'g'), mask)
      .replace(new RegExp(`(?<==|%3D|Bearer\\s+)(?:${forms})(?!${tokenCharacter})`, 'g'), mask);
  }
  // A bearer token nobody named (a server echoing another one) is masked too.
  return masked.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${mask}`);
}

/** Every string in a value (a report) with its secrets masked, so that shortening a value later cannot cut a secret in half. */
export function maskSecretsIn<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === 'string') return maskSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskSecretsIn(item, secrets)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskSecretsIn(item, secrets)])) as T;
  return value;
}

function writtenForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return [secret, json, escapeXml(secret), escapeXml(json), encodeURIComponent(secret), form];
}

/** A regular expression matching any of the texts, longest first so a longer form is masked whole. */
function alternatives(texts: Set<string>): string {
  return [...texts]
    .sort((a, b) => b.length - a.length)
    .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}
