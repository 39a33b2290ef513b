import { renderJob } from '../../data/renderJob';
import { wholeListText } from '../../core/wholeAnswer';
import type { Job, JobType } from '../../spec/types';
import type { StreamedItem } from '../../core/engine';
import { environmentNamed, type Handler } from './handler';
import { wholeListJobs } from './listTextCache';

/**
 * GET /api/v1/rpa/jobs: the jobs of one environment and type (absent, the spec's default), all at
 * the instant the list was asked for. A short list is answered whole, its text reused while its
 * jobs are unchanged; a long one is streamed, each job rendered and serialized only when written.
 */
export const listJobs: Handler = ({ source, executions, clock, jobJson, listTexts }, { query }) => {
  const found = environmentNamed(source, String(query.environment));
  if ('answer' in found) return found.answer;
  const { environment } = found;
  const type = query.type as JobType;
  const now = clock.now();
  const indexes: number[] = [];
  for (let index = 0; index < source.size; index++) if (source.matches(index, environment.environment_id, type)) indexes.push(index);
  const jobAt = (index: number): Job => {
    const record = source.record(index);
    return renderJob(record, executions.runsOf(record.fields.id), now);
  };
  const head = { count: indexes.length };
  if (indexes.length <= wholeListJobs) {
    const jobs = indexes.map(jobAt);
    const text = listTexts.textOf(`${environment.environment_id}|${type}`, jobs, () =>
      wholeListText(
        { head, property: 'jobs' },
        jobs.map((job, k) => jobJson.jsonOf(indexes[k]!, job)),
      ),
    );
    return { kind: 'text', status: 200, text, body: { ...head, jobs } };
  }
  function* items(): Generator<StreamedItem> {
    for (const index of indexes) {
      const job = jobAt(index);
      yield { value: job, json: jobJson.jsonOf(index, job) };
    }
  }
  return { kind: 'stream', status: 200, stream: { head, property: 'jobs', items: items() } };
};
