import { randomUUID } from 'node:crypto';
import type { Process } from '../../spec/types';
import { SkipCheck, type Check, type CheckContext, type Finding } from '../types';
import { mapConcurrently } from './mapConcurrently';
import { callOperation, describeCall } from './call';

/** Processes by id: each listed one, the process of each listed job (the job → process link), an unknown id. */
export function getProcessChecks(context: CheckContext): Check[] {
  return [
    {
      id: 'getProcess/sample',
      operationId: 'getProcess',
      title: `GET /api/v1/rpa/process/{id} answers each of up to ${context.options.maxJobs} listed processes with that process`,
      run: checkSample,
    },
    {
      id: 'getProcess/job-link',
      operationId: 'getProcess',
      title: "each listed job's process_id resolves to a process with its process_name and a finalized process_version",
      run: checkJobLinks,
    },
    {
      id: 'getProcess/unknown-id',
      operationId: 'getProcess',
      title: 'GET /api/v1/rpa/process/{id} answers 404 for an id no process has',
      run: checkUnknownId,
    },
  ];
}

async function checkSample(context: CheckContext): Promise<Finding[]> {
  const sample = [...context.processes.values()].slice(0, context.options.maxJobs);
  if (sample.length === 0) throw new SkipCheck('no process was listed to fetch by id');
  const findings: Finding[] = [];
  const inspections = await mapConcurrently(sample, context.options.concurrency, (listed) =>
    callOperation(context, 'getProcess', { params: { id: listed.id } }),
  );
  for (const [k, listed] of sample.entries()) {
    const call = { params: { id: listed.id } };
    const inspection = inspections[k]!;
    findings.push(...inspection.findings);
    const process = inspection.body as Process | undefined;
    if (process && typeof process === 'object' && process.id?.toLowerCase() !== listed.id.toLowerCase()) {
      findings.push({
        severity: 'failure',
        request: describeCall(context, 'getProcess', call),
        pointer: '/id',
        rule: 'identity',
        message: `asked for process ${listed.id}, got process ${String(process.id)}`,
        expected: listed.id,
        actual: process.id,
      });
    }
  }
  return findings;
}

async function checkJobLinks(context: CheckContext): Promise<Finding[]> {
  const jobs = [...context.listed.values()].slice(0, context.options.maxJobs);
  if (jobs.length === 0) throw new SkipCheck('no job was listed to follow to its process');
  const findings: Finding[] = [];
  const fetched = new Map<string, Process | undefined>();
  for (const job of jobs) {
    if (typeof job.process_id !== 'string') continue;
    const call = { params: { id: job.process_id } };
    const key = job.process_id.toLowerCase();
    if (!fetched.has(key)) {
      const inspection = await callOperation(context, 'getProcess', call);
      findings.push(...inspection.findings.map((finding) => ({ ...finding, message: `job ${job.id}: ${finding.message}` })));
      fetched.set(key, inspection.body as Process | undefined);
    }
    const process = fetched.get(key);
    if (!process || typeof process !== 'object') continue;
    const request = describeCall(context, 'getProcess', call);
    if (process.name !== job.process_name) {
      findings.push({
        severity: 'failure',
        request,
        pointer: '/name',
        rule: 'job-link',
        message: `job ${job.id} names process '${job.process_name}', but process ${job.process_id} is '${process.name}'`,
        expected: job.process_name,
        actual: process.name,
      });
    }
    const version = Array.isArray(process.versions)
      ? process.versions.find((candidate) => candidate?.version === job.process_version)
      : undefined;
    if (version?.status !== 'Finalized') {
      findings.push({
        severity: 'failure',
        request,
        pointer: '/versions',
        rule: 'job-link',
        message: `job ${job.id} runs version ${job.process_version}, which is ${version ? `a ${version.status} version` : 'not a version'} of process ${job.process_id}`,
        expected: `a finalized version ${job.process_version}`,
        actual: version?.status ?? 'absent',
        // The documentation says a job runs a version of its process; that it is a finalized one is inferred.
        inferred: version !== undefined,
      });
    }
  }
  return findings;
}

async function checkUnknownId(context: CheckContext): Promise<Finding[]> {
  let id = randomUUID();
  while (context.processes.has(id)) id = randomUUID();
  return (await callOperation(context, 'getProcess', { params: { id } }, 404)).findings;
}
