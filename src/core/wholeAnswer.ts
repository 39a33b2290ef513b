import type { StreamedList } from './engine';
import { mergeChecks, type ViolationList } from '../validator';
import type { Outcome } from './pipeline';

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
 * the server checks it while streaming), a value serialized, a text passed as it is. A list found to
 * break the spec is answered with the outcome that replaces it.
 */
export function wholeAnswer(outcome: Outcome): WholeAnswer {
  const { answer, contentType } = outcome;
  const headers = answer.headers ?? {};
  switch (answer.kind) {
    case 'stream': {
      const { text, found } = listText(outcome, answer.stream);
      if (found.violations.length > 0 && outcome.replaceBroken) return wholeAnswer(outcome.replaceBroken(found));
      return { status: answer.status, contentType, headers, text };
    }
    case 'text':
      return { status: answer.status, contentType, headers, text: answer.text };
    case 'pass-through':
      throw new TypeError('a passed-through answer is written as it arrives, never whole');
    default:
      return { status: answer.status, contentType, headers, text: answer.body === undefined ? undefined : JSON.stringify(answer.body) };
  }
}

function listText(outcome: Outcome, list: StreamedList): { text: string; found: ViolationList } {
  let found: ViolationList = outcome.response ?? { violations: [], more: 0 };
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
