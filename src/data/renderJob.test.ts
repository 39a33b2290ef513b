import fc from 'fast-check';
import { loadSpec } from '../spec/loadSpec';
import { createAjv } from '../validator';
import { generateExecution } from './generateExecution';
import { generatedJobSource } from './jobSource';
import { renderJob } from './renderJob';
import { violatedRules as rulesBroken } from './testing/jobRules';
import { sweep } from './testing/sweep';

const hour = 3_600_000;
const referenceTimes = fc
  .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') })
  .map((t) => Math.floor(t / 1000) * 1000);
const seeds = fc.integer({ min: 0, max: 2 ** 32 - 1 });

let validateJob: (job: unknown) => boolean;
beforeAll(async () => {
  const api = await loadSpec();
  validateJob = createAjv().compile(api.components!.schemas!.Job as object);
});
const violatedRules = (job: Parameters<typeof rulesBroken>[0], now: number) => rulesBroken(job, now, validateJob);

describe('generated jobs', () => {
  it('keep every consistency rule for any seed, reference time and later look', () => {
    fc.assert(
      fc.property(seeds, referenceTimes, fc.integer({ min: 0, max: 3 * hour }), (seed, referenceTime, later) => {
        const source = generatedJobSource(seed, 30, referenceTime);
        for (let index = 0; index < source.size; index++) {
          for (const now of [referenceTime, referenceTime + later]) {
            const job = renderJob(source.record(index), [], now);
            expect({ index, now, broken: violatedRules(job, now) }).toEqual({ index, now, broken: [] });
          }
        }
      }),
      { numRuns: sweep(5, 100) },
    );
  });

  it('keep every rule after executions, at every step of their life', () => {
    fc.assert(
      fc.property(
        seeds,
        referenceTimes,
        fc.array(fc.integer({ min: 0, max: 90_000 }), { minLength: 1, maxLength: 4 }),
        (seed, referenceTime, gaps) => {
          const source = generatedJobSource(seed, 10, referenceTime);
          for (let index = 0; index < source.size; index++) {
            const record = source.record(index);
            if (!record.fields.active) continue;
            const runs = [];
            let now = referenceTime;
            for (const gap of gaps) {
              now += gap;
              runs.push(generateExecution(seed, record.fields.id, runs.length, now));
              for (const look of [now, now + 3_000, now + 20_000, now + 60_000]) {
                expect(violatedRules(renderJob(record, runs, look), look)).toEqual([]);
              }
            }
          }
        },
      ),
      { numRuns: sweep(5, 100) },
    );
  });

  it(`keep every rule across the first ${sweep(500, 10_000)} jobs of a seed`, () => {
    const referenceTime = Date.parse('2026-03-14T09:30:00Z');
    const source = generatedJobSource(42, sweep(500, 10_000), referenceTime);
    const broken: string[] = [];
    for (let index = 0; index < source.size; index++) {
      for (const rule of violatedRules(renderJob(source.record(index), [], referenceTime), referenceTime))
        broken.push(`job ${index}: ${rule}`);
    }
    expect(broken).toEqual([]);
  });

  it('are the same for the same seed and differ for another', () => {
    const referenceTime = Date.parse('2026-03-14T09:30:00Z');
    const render = (seed: number) =>
      JSON.stringify(
        Array.from({ length: 20 }, (_, i) => renderJob(generatedJobSource(seed, 20, referenceTime).record(i), [], referenceTime)),
      );
    expect(render(7)).toBe(render(7));
    expect(render(7)).not.toBe(render(8));
  });

  it('show all five statuses and both types among a few hundred jobs', () => {
    const referenceTime = Date.parse('2026-03-14T09:30:00Z');
    const source = generatedJobSource(42, 400, referenceTime);
    const jobs = Array.from({ length: source.size }, (_, i) => renderJob(source.record(i), [], referenceTime));
    expect(new Set(jobs.map((job) => job.status))).toEqual(new Set(['scheduled', 'running', 'completed', 'failed', 'cancelled']));
    expect(new Set(jobs.map((job) => job.type))).toEqual(new Set(['Unattended', 'Attended']));
  });
});

describe('an execution', () => {
  const referenceTime = Date.parse('2026-03-14T09:30:00Z');
  const source = generatedJobSource(42, 50, referenceTime);
  const index = Array.from({ length: 50 }, (_, i) => i).find((i) => {
    const record = source.record(i);
    return record.fields.active && renderJob(record, [], referenceTime).status !== 'running';
  })!;
  const record = source.record(index);
  const run = generateExecution(42, record.fields.id, 0, referenceTime);
  const statusAt = (now: number) => renderJob(record, [run], now).job_instances.at(-1)!.status;

  it('goes Queued → Running → Completed or Failed as time passes', () => {
    expect(statusAt(referenceTime)).toBe('queued');
    expect(statusAt(run.started_at!)).toBe('running');
    expect(['completed', 'failed']).toContain(statusAt(run.ended_at!));
  });

  it('moves previous_trigger and makes the job running until it ends', () => {
    const job = renderJob(record, [run], referenceTime);
    expect(job.previous_trigger).toBe(new Date(referenceTime).toISOString());
    expect(job.status).toBe('running');
    expect(job.end_date).toBeNull();
    const after = renderJob(record, [run], run.ended_at!);
    expect(after.end_date).toBe(new Date(run.ended_at!).toISOString());
    expect(after.status).toBe(record.fields.scheduled ? 'scheduled' : run.outcome);
  });

  it('is the same run for the same seed, job and ordinal', () => {
    expect(generateExecution(42, record.fields.id, 0, referenceTime)).toEqual(run);
    expect(generateExecution(42, record.fields.id, 1, referenceTime).id).not.toBe(run.id);
  });
});
