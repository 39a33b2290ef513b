import { randomUUID } from 'node:crypto';
import type { FixtureFile } from '../../fixtures/fixtureFile';
import { createScrubber } from '../../fixtures/scrubPersonalData';
import { loadSpecBundle } from '../../spec/specBundle';
import type { Job } from '../../spec/types';
import { callOperation } from '../checks/call';
import { mapConcurrently } from '../checks/mapConcurrently';
import { type ContractOptions } from '../options';
import { preflight } from '../preflight';
import { prepareContract } from '../runContract';
import type { Finding } from '../types';

export interface Recording {
  fixture: FixtureFile;
  /** What the tenant's answers broke, for the person recording to know what `serve --fixtures` will refuse. */
  findings: Finding[];
}

/**
 * Records the jobs a tenant serves as a fixture file for `serve --fixtures`: the list of one
 * environment, then each listed job by id (up to `maxJobs`), read the documented way (an overlay
 * calibrates names, envelope and spellings). Personal data is replaced with seeded fakes, the same
 * real value by the same fake, unless `scrubSeed` is undefined. Only GET requests are sent.
 */
export async function recordTenant(
  options: Partial<ContractOptions> & { baseUrl: string },
  scrubSeed: number | undefined,
): Promise<Recording> {
  const { context } = await prepareContract(options);
  await preflight(context);
  context.currentCheck = 'record';
  const environment = context.options.environment;
  const recordedAt = new Date().toISOString();
  const list = await callOperation(context, 'listJobs', { query: { environment } });
  const findings = [...list.findings];
  const listed = ((list.body as { jobs?: unknown } | undefined)?.jobs ?? []) as Job[];
  const sample = listed.slice(0, context.options.maxJobs);
  const fetched = await mapConcurrently(sample, context.options.concurrency, (item) =>
    callOperation(context, 'getJob', { params: { id: item.id } }),
  );
  const jobs = fetched.map((byId, k) => {
    findings.push(...byId.findings);
    return (byId.body as Job | undefined) ?? sample[k]!;
  });
  // Fixture files hold documented jobs: scrubbed against the documented schema, whatever the wire's.
  const jobSchema = (await loadSpecBundle(context.options.specPath)).document.components?.schemas?.Job;
  const scrub = scrubSeed === undefined ? (job: unknown) => job : createScrubber(scrubSeed);
  const environmentId = jobs.find((job) => typeof job.environment_id === 'string')?.environment_id;
  return {
    fixture: {
      rpa_mock_fixture: 1,
      // The tenant's jobs are of this instant: serve --fixtures starts its clock here.
      generated: { now: recordedAt },
      // A tenant without jobs in the environment still gives a file serve accepts (an environment needs an id).
      environments: [{ name: environment, environment_id: environmentId ?? randomUUID() }],
      jobs: jobs.map((job) => scrub(job, jobSchema) as Job),
    },
    findings: findings.filter((finding) => finding.severity === 'failure'),
  };
}
