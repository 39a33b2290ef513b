import { randomUUID } from 'node:crypto';
import type { CheckContext } from '../types';

/** An id in the form job ids take that no listed job has: safe to send anywhere, it names no job. */
export function unknownId(context: CheckContext): string {
  let id = randomUUID();
  while (context.listed.has(id)) id = randomUUID();
  return id;
}
