import fc from 'fast-check';
import { loadSpec } from '../spec/loadSpec';
import { createAjv } from '../validator';
import { generatedJobSource } from './jobSource';
import { renderJob } from './renderJob';
import { sweep } from './testing/sweep';

const seeds = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const referenceTimes = fc
  .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') })
  .map((t) => Math.floor(t / 60_000) * 60_000);

let validateProcess: (value: unknown) => boolean;
beforeAll(async () => {
  validateProcess = createAjv().compile((await loadSpec()).components!.schemas!.Process as object);
});

describe('generated processes', () => {
  it('agree with the jobs for any seed: each job runs a finalized version of its process, created before the job', () => {
    fc.assert(
      fc.property(seeds, referenceTimes, (seed, referenceTime) => {
        const source = generatedJobSource(seed, 60, referenceTime);
        const byId = new Map(source.processes.map((process) => [process.id, process]));
        for (let index = 0; index < source.size; index++) {
          const job = renderJob(source.record(index), [], referenceTime);
          const process = byId.get(job.process_id);
          const version = process?.versions.find((candidate) => candidate.version === job.process_version);
          expect({
            name: process?.name,
            status: version?.status,
            older: version !== undefined && version.created_at < job.metadata.created_at,
          }).toEqual({
            name: job.process_name,
            status: 'Finalized',
            older: true,
          });
        }
      }),
      { numRuns: sweep(4, 200) },
    );
  });

  it('keep their own rules for any seed: valid, ordered versions, the current one the newest finalized, drafts after it, all in the past', () => {
    fc.assert(
      fc.property(seeds, referenceTimes, (seed, referenceTime) => {
        const processes = generatedJobSource(seed, 1, referenceTime).processes;
        expect(new Set(processes.map((process) => process.id)).size).toBe(processes.length);
        for (const process of processes) {
          expect(validateProcess(process)).toBe(true);
          const times = process.versions.map((version) => Date.parse(version.created_at));
          expect(times).toEqual([...times].sort((a, b) => a - b));
          expect(Math.max(...times)).toBeLessThan(referenceTime);
          const statuses = process.versions.map((version) => version.status);
          expect(statuses.indexOf('Draft') === -1 || statuses.lastIndexOf('Finalized') < statuses.indexOf('Draft')).toBe(true);
          expect(process.current_version).toBe(process.versions.filter((v) => v.status === 'Finalized').at(-1)!.version);
          expect(new Set(process.versions.map((version) => version.id)).size).toBe(process.versions.length);
        }
      }),
      { numRuns: sweep(10, 500) },
    );
  });

  it('are the same for the same seed and reference time', () => {
    const source = () => generatedJobSource(42, 1, Date.parse('2026-03-14T09:30:00Z'));
    expect(JSON.stringify(source().processes)).toBe(JSON.stringify(source().processes));
  });
});
