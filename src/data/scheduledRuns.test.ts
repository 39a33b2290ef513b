import { sweep } from './testing/sweep';
import fc from 'fast-check';
import { loadSpec } from '../spec/loadSpec';
import type { Job } from '../spec/types';
import { VirtualClock } from '../state/clock';
import { ExecutionStore } from '../state/executionStore';
import { createAjv } from '../validator';
import { generateExecution } from './generateExecution';
import { generatedJobSource } from './jobSource';
import { latestTime } from './representableTime';
import { renderJob } from './renderJob';
import { recentRuns } from './schedule';
import { maxScheduledRuns } from './scheduledRuns';
import { violatedRules } from './testing/jobRules';

const second = 1000;
const hour = 3_600_000;
const day = 24 * hour;

let validateJob: (job: unknown) => boolean;
beforeAll(async () => {
  const api = await loadSpec();
  validateJob = createAjv().compile(api.components!.schemas!.Job as object);
});

/** An active job of seed 42 on a schedule, generated at `referenceTime`. */
function scheduledJob(referenceTime: number, cron: string) {
  const source = generatedJobSource(42, 400, referenceTime);
  const index = Array.from({ length: source.size }, (_, i) => i).find((i) => {
    const { fields } = source.record(i);
    return fields.active && fields.scheduled?.cron_expression === cron;
  })!;
  return source.record(index);
}

describe('a schedule as the clock moves', () => {
  const monday = Date.parse('2026-03-16T09:30:00Z');
  const record = scheduledJob(monday, '0 6 * * 1-5');
  const scheduledOf = (job: Job) => job.job_instances.filter((i) => Date.parse(i.queued_at) > monday);

  it('fires one run per weekday trigger passed: 3 days from a Monday are 3 runs, the last at 06:00 Amsterdam', () => {
    const now = monday + 3 * day;
    const job = renderJob(record, [], now);
    expect(scheduledOf(job).map((i) => [i.triggered_by, i.queued_at, i.status])).toEqual([
      ['schedule', '2026-03-17T05:00:00.000Z', expect.stringMatching(/^(completed|failed)$/)],
      ['schedule', '2026-03-18T05:00:00.000Z', expect.stringMatching(/^(completed|failed)$/)],
      ['schedule', '2026-03-19T05:00:00.000Z', expect.stringMatching(/^(completed|failed)$/)],
    ]);
    expect(job.previous_trigger).toBe('2026-03-19T05:00:00.000Z');
    expect(job.next_trigger).toBe('2026-03-20T05:00:00.000Z');
    expect(job.status).toBe('scheduled');
    const last = scheduledOf(job).at(-1)!;
    expect(job.end_date).toBe(last.ended_at);
    expect(job.metadata.completed_at).toBe(last.status === 'completed' ? last.ended_at : null);
  });

  it('fires nothing over a weekend, and on Monday morning', () => {
    const saturday = Date.parse('2026-03-14T09:30:00Z');
    const weekendJob = scheduledJob(saturday, '0 6 * * 1-5');
    const mondayBeforeSix = Date.parse('2026-03-16T04:59:59Z');
    expect(renderJob(weekendJob, [], mondayBeforeSix).job_instances).toEqual(renderJob(weekendJob, [], saturday).job_instances);
    expect(renderJob(weekendJob, [], saturday + 2 * day).previous_trigger).toBe('2026-03-16T05:00:00.000Z');
  });

  it('moves a fired run Queued → Running → Completed or Failed, a few seconds after its trigger', () => {
    const trigger = Date.parse('2026-03-17T05:00:00Z');
    const runAt = (now: number) => renderJob(record, [], now).job_instances.at(-1)!;
    expect(runAt(trigger)).toMatchObject({ status: 'queued', queued_at: '2026-03-17T05:00:00.000Z', started_at: null });
    expect(renderJob(record, [], trigger).status).toBe('running');
    const started = Date.parse(runAt(trigger + 7 * second).started_at!);
    expect(started - trigger).toBeGreaterThanOrEqual(2 * second);
    expect(started - trigger).toBeLessThanOrEqual(6 * second);
    expect(runAt(trigger + 7 * second).status).toBe('running');
    expect(['completed', 'failed']).toContain(runAt(trigger + 60 * second).status);
  });

  it('keeps the runs of the last 20 triggers after a long jump', () => {
    const job = renderJob(record, [], monday + 365 * day);
    const fired = scheduledOf(job);
    expect(fired).toHaveLength(maxScheduledRuns);
    expect(job.previous_trigger).toBe(fired.at(-1)!.queued_at);
  });

  it('gives the same bytes for the same seed, job and time, however the time was reached', () => {
    const now = monday + 2 * day + 5 * hour;
    const direct = JSON.stringify(renderJob(scheduledJob(monday, '0 6 * * 1-5'), [], now));
    const stepped = scheduledJob(monday, '0 6 * * 1-5');
    for (let t = monday; t < now; t += 3 * hour) renderJob(stepped, [], t);
    expect(JSON.stringify(renderJob(stepped, [], now))).toBe(direct);
  });

  it('merges runs started through _execute in time order', () => {
    const executed = generateExecution(42, record.fields.id, 0, monday + day);
    const job = renderJob(record, [executed], monday + 3 * day);
    expect(scheduledOf(job).map((i) => i.triggered_by)).toEqual(['schedule', 'manual', 'schedule', 'schedule']);
  });
});

describe('recentRuns', () => {
  it('includes a run exactly at the time and none at or before `after`', () => {
    const hourly = { cron_expression: '0 * * * *', timezone: 'UTC' };
    const at = Date.parse('2026-03-14T12:00:00Z');
    expect(recentRuns(hourly, at, 3, at - 2 * hour).map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-14T11:00:00.000Z',
      '2026-03-14T12:00:00.000Z',
    ]);
    expect(recentRuns(hourly, at - 1, 3, at - 2 * hour)).toEqual([at - hour]);
  });
});

/** A move of the clock or an execution, as the control API and `_execute` make them. */
type Step = { kind: 'advance'; ms: number } | { kind: 'set'; ms: number } | { kind: 'execute'; index: number };

const steps: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 90 * second }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3 * day }) }),
  fc.record({ kind: fc.constant('set' as const), ms: fc.integer({ min: 0, max: 400 * day }) }),
  fc.record({ kind: fc.constant('set' as const), ms: fc.constant(latestTime) }),
  fc.record({ kind: fc.constant('execute' as const), index: fc.nat(7) }),
);

describe('any sequence of clock moves and executions', () => {
  it('keeps every consistency rule, and fires a run for the last trigger passed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }),
        fc.array(steps, { minLength: 1, maxLength: sweep(5, 12) }),
        (seed, start, moves) => {
          const referenceTime = Math.floor(start / second) * second;
          const source = generatedJobSource(seed, 8, referenceTime);
          const clock = new VirtualClock(referenceTime, 'frozen');
          const executions = new ExecutionStore();
          for (const step of moves) {
            if (step.kind === 'advance') clock.advance(Math.min(step.ms, latestTime - clock.now()));
            else if (step.kind === 'set') clock.set(Math.max(clock.now(), Math.min(referenceTime + step.ms, latestTime)));
            else {
              const { fields } = source.record(step.index);
              if (fields.active)
                executions.add(fields.id, generateExecution(seed, fields.id, executions.runsOf(fields.id).length, clock.now()));
            }
            const now = clock.now();
            for (let index = 0; index < source.size; index++) {
              const record = source.record(index);
              const job = renderJob(record, executions.runsOf(record.fields.id), now);
              const broken = violatedRules(job, now, validateJob);
              const lastTrigger =
                record.fields.active && record.fields.scheduled ? recentRuns(record.fields.scheduled, now, 1, referenceTime)[0] : undefined;
              if (
                lastTrigger !== undefined &&
                !job.job_instances.some((i) => i.triggered_by === 'schedule' && Date.parse(i.queued_at) === lastTrigger)
              )
                broken.push('the last trigger passed fired a run');
              expect({ step, index, now, broken }).toEqual({ step, index, now, broken: [] });
            }
          }
        },
      ),
      { numRuns: sweep(6, 300) },
    );
  });
});
