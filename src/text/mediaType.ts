/** Media types: the one place that reads a Content-Type header and says whether it is JSON. */

/** A Content-Type header's media type, without its parameters, in lower case: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaTypeOf(header: string): string {
  return header.split(';')[0]!.trim().toLowerCase();
}

/** Whether a media type is JSON: `application/json`, a structured `+json` type (RFC 6839), or `text/json`. */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType === 'text/json' || /^[a-z]+\/[\w.+-]+\+json$/.test(mediaType);
}
