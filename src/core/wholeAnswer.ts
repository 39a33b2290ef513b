import type { StreamedList } from './engine';
import { mergeChecks, type CheckResult } from '../validator';
import { rejectAnswer, type Outcome, type PipelineContext } from './pipeline';

/** An outcome as one text, for adapters that send a body whole (the MSW handlers). */
export interface WholeAnswer {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  /** Undefined for an answer without a body. */
  text: string | undefined;
}

/**
 * Writes an outcome at once: a streamed list gathered item by item (each checked, under --strict, as
 * the server checks it while streaming), a body serialized, text passed as it is. A list found to
 * break the spec is answered with the problem that replaces it.
 */
export function wholeAnswer(context: Pick<PipelineContext, 'rejectAs'>, outcome: Outcome): WholeAnswer {
  const headers = outcome.headers ?? {};
  if (outcome.stream) {
    const { text, found } = listText(outcome, outcome.stream);
    if (outcome.rejectBroken && found.violations.length > 0 && outcome.operation) {
      const rejected = rejectAnswer(context, outcome.operation, outcome.status, found);
      return { status: rejected.status, contentType: rejected.contentType, headers: {}, text: JSON.stringify(rejected.body) };
    }
    return { status: outcome.status, contentType: outcome.contentType, headers, text };
  }
  const text = outcome.rawBody ?? (outcome.body === undefined ? undefined : JSON.stringify(outcome.body));
  return { status: outcome.status, contentType: outcome.contentType, headers, text };
}

function listText(outcome: Outcome, list: StreamedList): { text: string; found: CheckResult } {
  let found: CheckResult = outcome.response ?? { violations: [], more: 0 };
  const parts: string[] = [];
  let index = 0;
  for (const item of list.items) {
    if (outcome.checkItem) found = mergeChecks(found, outcome.checkItem(index, item.value));
    parts.push(item.json);
    index++;
  }
  return { text: wholeListText(list, parts), found };
}

/** A list's whole text from its head and its items' JSON: the bytes the streamed list sends in pieces. */
export function wholeListText(list: Pick<StreamedList, 'head' | 'property'>, itemJsons: readonly string[]): string {
  return `${openingOf(list)}${itemJsons.join(',')}]}`;
}

/** `{"count":3,"jobs":[`: the head's fields, then the list's opening. */
export function openingOf({ head, property }: Pick<StreamedList, 'head' | 'property'>): string {
  const fields = JSON.stringify(head).slice(1, -1);
  return `{${fields}${fields ? ',' : ''}${JSON.stringify(property)}:[`;
}
