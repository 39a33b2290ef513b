import type { ContractChange } from './diffContracts';

export type DiffFormat = 'text' | 'markdown' | 'json';

/** The sides a diff compares, as the report names them: `spec.yaml + acme.overlay.yaml`. */
export interface DiffSides {
  before: string;
  after: string;
}

/** The changes as text for a terminal, Markdown for a pull request or a job summary, or JSON. */
export function formatDiff(changes: readonly ContractChange[], sides: DiffSides, format: DiffFormat): string {
  const breaking = changes.filter((change) => change.breaking).length;
  if (format === 'json') return `${JSON.stringify({ ...sides, breaking, changes }, null, 2)}\n`;
  const counted = `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}, ${breaking} breaking`;
  if (format === 'markdown') {
    if (changes.length === 0) return `### Contract diff\n\n${sides.before} → ${sides.after}: no change.\n`;
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    return [
      '### Contract diff',
      '',
      `${sides.before} → ${sides.after}: ${counted}.`,
      '',
      '| | rule | operation | change |',
      '| --- | --- | --- | --- |',
      ...changes.map((c) => `| ${c.breaking ? '❌ breaking' : '✅'} | \`${c.id}\` | ${c.operation} | ${cell(c.message)} |`),
      '',
    ].join('\n');
  }
  if (changes.length === 0) return `rpa-mock diff ${sides.before} → ${sides.after}: no change\n`;
  const width = Math.max(...changes.map((change) => change.id.length));
  return [
    `rpa-mock diff ${sides.before} → ${sides.after}: ${counted}`,
    ...changes.map((c) => `  ${c.breaking ? 'BREAKING' : 'ok      '}  ${c.id.padEnd(width)}  ${c.operation}: ${c.message}`),
    '',
  ].join('\n');
}
