import type { PagingScheme } from '../../spec/calibration/pagingScheme';
import type { Observation } from './observation';

/**
 * How the verdict words an observation: the group it belongs to (one root cause each), the instance
 * within it, the instance as an example, and the group's headline.
 */
/** The group an observation belongs to, the instance within it, and how that instance reads. */
export function describe(observation: Exclude<Observation, { kind: 'name' | 'extra' }>): [string, string, string] {
  switch (observation.kind) {
    case 'envelope':
      return ['envelope', observation.wrapper, `${observation.items} items read from ${observation.wrapper}`];
    case 'enum-spelling': {
      const style = spellingStyle(observation.found);
      return [
        `enum-spelling:${style}`,
        `${observation.field}=${observation.found}`,
        `${observation.field}: ${observation.found} for ${observation.canonical}`,
      ];
    }
    case 'type':
      return [
        `type:${observation.found}→${observation.expected}`,
        observation.field,
        `${observation.field}: ${JSON.stringify(observation.example)}`,
      ];
    case 'format':
      return [`format:${observation.found}`, observation.field, `${observation.field}: ${JSON.stringify(observation.example)}`];
    case 'null':
      return ['null', observation.field, observation.field];
    case 'summary-items':
      return ['summary-items', observation.missing.join(','), `missing from list items: ${observation.missing.join(', ')}`];
    case 'media':
      return [
        observation.status >= 400 ? 'error-media' : 'media',
        `${observation.operationId} ${observation.status}`,
        `${observation.operationId}${observation.status >= 400 ? ` → ${observation.status}` : ''}: ${observation.found}`,
      ];
    case 'success-status':
      return [`success-status:${observation.operationId}`, String(observation.found), `${observation.operationId} → ${observation.found}`];
    case 'error-shape':
      return ['error-shape', `${observation.status} ${observation.problem}`, `status ${observation.status}: ${observation.problem}`];
    case 'paging':
      return [
        `paging:${observation.operationId}`,
        `${observation.pages} pages`,
        `${observation.operationId}: ${observation.items} items in ${observation.pages} pages`,
      ];
    case 'not-the-api':
      return ['not-the-api', observation.operationId, `${observation.operationId} → ${observation.status}: "${observation.message}"`];
  }
}

export function fieldOf(observation: Observation): string | undefined {
  return 'field' in observation ? observation.field : undefined;
}

export function headline(observation: Observation, otherFields: string[]): string {
  const shown = otherFields.slice(0, 3).join(', ');
  const also =
    otherFields.length === 0 ? '' : ` (also ${shown}${otherFields.length > 3 ? ` and ${otherFields.length - 3} more fields` : ''})`;
  switch (observation.kind) {
    case 'envelope':
      return `the list's envelope is ${observation.wrapper}, not the spec's wrapper: its items were read as the list's, so every by-id check still runs`;
    case 'enum-spelling':
      return `${observation.field} values are ${spellingStyle(observation.found)}: ${observation.found} for ${observation.canonical}${also}`;
    case 'type':
      return `${plural(observation.expected)} sent as ${plural(observation.found)}: ${observation.field} ${JSON.stringify(observation.example)}${also}`;
    case 'format':
      return `${observation.format} values are ${observation.found}: ${observation.field} ${JSON.stringify(observation.example)}${also}`;
    case 'null':
      return `null sent where the spec wants a value: ${observation.field}${also}`;
    case 'summary-items':
      return `list items are summaries: ${observation.missing.length} fields the job page documents are missing from every list item (the list page does not document them; the by-id checks read them)`;
    case 'media':
      return `${observation.status >= 400 ? 'error answers' : 'successful answers'} are ${observation.found}, not ${observation.declared}`;
    case 'success-status':
      return `${observation.operationId} answers ${observation.found}, not the spec's ${observation.expected}: its body was read as the answer`;
    case 'error-shape':
      return `error bodies are not the spec's error shape (${observation.problem})`;
    case 'paging':
      return `${observation.operationId}'s list is paged (${pagingOf(observation.scheme)}), which the spec does not say: ${
        observation.complete
          ? `verify read every page, ${observation.items} items in ${observation.pages} pages`
          : `verify read ${observation.items} items in ${observation.pages} pages, then stopped (the warning says where)`
      }`;
    case 'not-the-api':
      return `the tenant answered ${observation.status} with ${observation.page ? 'an HTML page' : 'an error body'}, not the API's answer: "${observation.message}". Nothing of the API was served: ${observation.page ? 'a login or portal page means the base URL is not the API (with --ionapi: iu + /<tenant>/RPA), or the gateway wants another sign-in' : "check the credentials' rights and the environment"}`;
    default:
      return observation.kind;
  }
}

/** A paging scheme in a few words: `page and size, 20 a page`. */
function pagingOf(scheme: PagingScheme): string {
  const how = {
    page: `${scheme.params.page} and ${scheme.params.size}`,
    offset: `${scheme.params.offset} and ${scheme.params.limit}`,
    cursor: `a cursor in ${scheme.fields.cursor}, sent back as ${scheme.params.cursor}`,
    'next-link': scheme.linkHeader ? 'a Link header to the next page' : `a next link in ${scheme.fields.next}`,
  }[scheme.style];
  return `${how}, ${scheme.pageSize} a page${scheme.fields.total ? `, the total in ${scheme.fields.total}` : ''}`;
}

function spellingStyle(value: string): string {
  if (value === value.toUpperCase()) return 'upper case';
  if (value === value.toLowerCase()) return 'lower case';
  if (value === value.charAt(0).toUpperCase() + value.slice(1).toLowerCase()) return 'capitalised';
  return 'spelled differently';
}

function plural(type: string): string {
  return type === 'boolean' ? 'booleans' : type === 'number' ? 'numbers' : type === 'string' ? 'strings' : `${type}s`;
}
