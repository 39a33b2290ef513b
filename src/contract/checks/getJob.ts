import { derivedFields } from '../../data/jobRecord';
import { isDeepStrictEqual } from 'node:util';
import type { Job } from '../../spec/types';
import { SkipCheck, type Check, type CheckContext, type Finding } from '../types';
import { callOperation, describeCall } from './call';
import { mapConcurrently } from './mapConcurrently';
import { unknownId } from './unknownId';
import { successSchema } from '../../spec/operations';
import { differsByOperation } from '../../spec/calibration/wireExtensions';

/** Fields that follow from runs and time, so they may change between two requests (`metadata` holds one). */
const volatileFields = new Set<string>([...derivedFields, 'metadata']);

export function getJobChecks(context: CheckContext): Check[] {
  return [
    {
      id: 'getJob/sample',
      operationId: 'getJob',
      title: `GET /api/v1/rpa/jobs/{id} answers each of up to ${context.options.maxJobs} listed jobs with that job`,
      run: checkSample,
    },
    {
      id: 'getJob/agrees-with-list',
      operationId: 'getJob',
      title: 'a job fetched by id agrees with the list on the fields both carry',
      run: checkAgreement,
    },
    {
      id: 'getJob/unknown-id',
      operationId: 'getJob',
      title: 'GET /api/v1/rpa/jobs/{id} answers 404 for an id no job has',
      run: checkUnknownId,
    },
  ];
}

async function checkSample(context: CheckContext): Promise<Finding[]> {
  const sample = [...context.listed.keys()].slice(0, context.options.maxJobs);
  if (sample.length === 0) throw new SkipCheck('no job was listed to fetch by id');
  const findings: Finding[] = [];
  const inspections = await mapConcurrently(sample, context.options.concurrency, (id) =>
    callOperation(context, 'getJob', { params: { id } }),
  );
  for (const [k, id] of sample.entries()) {
    const call = { params: { id } };
    const inspection = inspections[k]!;
    findings.push(...inspection.findings);
    const job = inspection.body as Job | undefined;
    if (!job || typeof job !== 'object') continue;
    context.fetched.set(id, job);
    if (job.id !== id) {
      findings.push({
        severity: 'failure',
        request: describeCall(context, 'getJob', call),
        pointer: '/id',
        rule: 'identity',
        message: `asked for job ${id}, got job ${String(job.id)}`,
        expected: id,
        actual: job.id,
      });
    }
  }
  return findings;
}

async function checkAgreement(context: CheckContext): Promise<Finding[]> {
  if (context.fetched.size === 0) throw new SkipCheck('no job was fetched by id');
  const findings: Finding[] = [];
  const perOperation = fieldsDifferingByOperation(context);
  for (const [id, byId] of context.fetched) {
    const listed = context.listed.get(id);
    if (!listed || byId.id !== id) continue;
    for (const field of Object.keys(listed).filter((key) => key in byId && !perOperation.has(key))) {
      const a = (listed as unknown as Record<string, unknown>)[field];
      const b = (byId as unknown as Record<string, unknown>)[field];
      if (isDeepStrictEqual(a, b)) continue;
      const volatile = volatileFields.has(field);
      findings.push({
        severity: volatile ? 'warning' : 'failure',
        request: describeCall(context, 'getJob', { params: { id } }),
        pointer: `/${field}`,
        rule: 'agreement',
        message: `job ${id}: the list and the job by id disagree on ${field}${volatile ? ' (it follows from runs and time, so it may have changed between the requests)' : ''}`,
        expected: JSON.stringify(a),
        actual: b,
      });
    }
  }
  return findings;
}

async function checkUnknownId(context: CheckContext): Promise<Finding[]> {
  return (await callOperation(context, 'getJob', { params: { id: unknownId(context) } }, 404)).findings;
}

/** Documented fields a calibration says the tenant writes one way in the list and another by id: not comparable. */
function fieldsDifferingByOperation(context: CheckContext): Set<string> {
  const schema = successSchema(context.operations.get('getJob')!);
  const properties = ((schema as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  return new Set(
    Object.entries(properties)
      .filter(([, schema]) => schema[differsByOperation] === true)
      .map(([name, schema]) => String(schema['x-field'] ?? name)),
  );
}
