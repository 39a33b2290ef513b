import type { Job } from '../../spec/types';
import type { Check, CheckContext, Finding } from '../types';
import { callOperation, describeCall } from './call';

/**
 * One check per documented filter combination: the environment alone, then each value of `type`
 * the spec lists. Each checks the answer against the schema, `count` against the jobs, and that
 * every job honours the filters.
 */
export function listJobsChecks(context: CheckContext): Check[] {
  const operation = context.operations.get('listJobs')!;
  const typeParameter = operation.parameters.find((p) => p.name === 'type' && p.in === 'query');
  const types = ((typeParameter?.schema as { enum?: string[] } | undefined)?.enum ?? []).map((type) => type as string | undefined);
  const defaultType = operation.queryDefaults.type as string | undefined;
  return [undefined, ...types].map((type) => ({
    id: type ? `listJobs/type=${type}` : 'listJobs/environment-only',
    operationId: 'listJobs',
    title: `GET /api/v1/rpa/jobs lists the jobs of environment '${context.options.environment}'${type ? ` of type ${type}` : ` (type absent: ${defaultType ?? 'any'})`}`,
    run: (ctx) => checkList(ctx, type, defaultType),
  }));
}

async function checkList(context: CheckContext, type: string | undefined, defaultType: string | undefined): Promise<Finding[]> {
  const call = { query: { environment: context.options.environment, ...(type ? { type } : {}) } };
  const { findings, body } = await callOperation(context, 'listJobs', call);
  const list = body as { count?: unknown; jobs?: unknown } | undefined;
  if (!list || !Array.isArray(list.jobs)) return findings;
  const jobs = list.jobs.filter((job): job is Job => !!job && typeof job === 'object');
  const request = describeCall(context, 'listJobs', call);
  if (typeof list.count === 'number' && list.count !== list.jobs.length) {
    findings.push({
      severity: 'failure',
      request,
      pointer: '/count',
      rule: 'count',
      message: `count is ${list.count} but the list has ${list.jobs.length} jobs`,
      expected: String(list.jobs.length),
      actual: list.count,
    });
  }
  const wantedType = type ?? defaultType;
  const wrongType = wantedType === undefined ? -1 : jobs.findIndex((job) => job.type !== wantedType);
  if (wantedType !== undefined && wrongType >= 0) {
    const count = jobs.filter((job) => job.type !== wantedType).length;
    findings.push({
      severity: 'failure',
      request,
      pointer: `/jobs/${wrongType}/type`,
      rule: 'filter',
      message: `the type filter is not honoured: asked for ${wantedType}${type ? '' : ' (by default)'}, ${count} of ${jobs.length} jobs are not`,
      expected: wantedType,
      actual: jobs[wrongType]!.type,
    });
  }
  const environmentIds = [...new Set(jobs.map((job) => job.environment_id))];
  context.environmentId ??= environmentIds.length === 1 ? environmentIds[0] : undefined;
  const strangers = jobs.filter((job) => context.environmentId !== undefined && job.environment_id !== context.environmentId);
  if (environmentIds.length > 1 || strangers.length > 0) {
    findings.push({
      severity: 'failure',
      request,
      pointer: '/jobs',
      rule: 'filter',
      message: `the environment filter is not honoured: the list of '${context.options.environment}' holds jobs of ${Math.max(environmentIds.length, 2)} environment ids`,
      expected: 'one environment_id',
      actual: environmentIds,
    });
  }
  if (jobs.length === 0)
    findings.push({ severity: 'warning', request, rule: 'empty', message: 'the list is empty, so it shows nothing of the job schema' });
  for (const job of jobs) if (typeof job.id === 'string' && !context.listed.has(job.id)) context.listed.set(job.id, job);
  return findings;
}
