import type { Job, JobInstance } from '../../spec/types';
import { SkipCheck, type Check, type CheckContext, type Finding } from '../types';
import { callOperation, describeCall } from './call';
import { unknownId } from './unknownId';

export function executeJobChecks(): Check[] {
  return [
    {
      id: 'executeJob/run-appears',
      operationId: 'executeJob',
      title: "POST /api/v1/rpa/jobs/{id}/_execute answers 202 with a run that then shows in the job's instances",
      run: checkExecution,
    },
    {
      id: 'executeJob/unknown-id',
      operationId: 'executeJob',
      title: 'POST /api/v1/rpa/jobs/{id}/_execute answers 404 for an id no job has (safe: no job, no robot)',
      run: async (context) => (await callOperation(context, 'executeJob', { params: { id: unknownId(context) }, body: {} }, 404)).findings,
    },
  ];
}

async function checkExecution(context: CheckContext): Promise<Finding[]> {
  if (!context.options.allowExecute) throw new SkipCheck('pass --allow-execute to run it (against a real tenant it starts a robot)');
  const jobs = [...context.fetched.values(), ...context.listed.values()];
  const job = jobs.find((j) => j.active === true && j.status !== 'running') ?? jobs.find((j) => j.active === true);
  if (!job) throw new SkipCheck('no active job was listed to execute');
  const { findings, body } = await callOperation(context, 'executeJob', { params: { id: job.id }, body: {} });
  const run = body as JobInstance | undefined;
  if (!run || typeof run.id !== 'string') return findings;
  const after = await callOperation(context, 'getJob', { params: { id: job.id } });
  findings.push(...after.findings);
  const instances = (after.body as Job | undefined)?.job_instances as unknown;
  const ids = idsOf(instances);
  // Ids compared as UUIDs are, without case (RFC 9562).
  if (ids && !ids.some((id) => id.toLowerCase() === run.id.toLowerCase())) {
    findings.push({
      severity: 'failure',
      request: describeCall(context, 'getJob', { params: { id: job.id } }),
      pointer: '/job_instances',
      rule: 'execution',
      message: `the run ${run.id} that _execute answered is not among the job's ${ids.length} instances`,
      expected: run.id,
      actual: ids,
      inferred: true,
    });
  }
  return findings;
}

/**
 * The ids of a job's instances, in the shapes a tenant may send them (the documentation says only "a
 * list or reference to the executions"): a list of instances or of ids, or instances keyed by id.
 * Undefined when there is nothing to look in.
 */
function idsOf(instances: unknown): string[] | undefined {
  const idOf = (instance: unknown) =>
    typeof instance === 'string' ? instance : String((instance as { id?: unknown } | null | undefined)?.id ?? '');
  if (Array.isArray(instances)) return instances.map(idOf);
  if (instances && typeof instances === 'object') return [...Object.keys(instances), ...Object.values(instances).map(idOf)];
  return undefined;
}
