import { distance } from 'fastest-levenshtein';

/**
 * Drift diagnosis: which of `candidates` looks like `name`, the same letters in another case or
 * style (`jobName`, `JobName`, `job-name` for `job_name`) or a typo (at most two edits away).
 * `suggestRename('job_name', ['jobName', 'id'])` → `{ name: 'jobName', reason: 'renamed' }`.
 */
export function suggestRename(name: string, candidates: string[]): { name: string; reason: 'renamed' | 'typo' } | undefined {
  const wanted = letters(name);
  const renamed = candidates.find((candidate) => candidate !== name && letters(candidate) === wanted);
  if (renamed) return { name: renamed, reason: 'renamed' };
  const limit = name.length <= 4 ? 1 : 2;
  const typo = candidates
    .filter((candidate) => candidate !== name)
    .map((candidate) => ({ candidate, edits: distance(candidate.toLowerCase(), name.toLowerCase()) }))
    .filter(({ edits }) => edits <= limit)
    .sort((a, b) => a.edits - b.edits)[0];
  return typo ? { name: typo.candidate, reason: 'typo' } : undefined;
}

function letters(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
