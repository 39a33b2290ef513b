import { readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { controlSpecPath, defaultSpecPath, loadSpec } from './loadSpec';
import { indexOperations } from './operations';
import { SpecError } from './errors';

const text = readFileSync(defaultSpecPath, 'utf8');

describe.each([
  ['the RPA Jobs spec', defaultSpecPath],
  ['the control API spec', controlSpecPath],
])('%s', (_name, file) => {
  it('is a valid OpenAPI 3.1 document under swagger-parser', async () => {
    const api = await SwaggerParser.validate(file);
    expect((api as { openapi: string }).openapi).toBe('3.1.0');
  });
});

describe('the RPA Jobs spec', () => {
  it('declares the five documented operations, each with an example of every response', async () => {
    const operations = indexOperations(await loadSpec());
    expect(operations.map((o) => `${o.method.toUpperCase()} ${o.pathTemplate} ${o.operationId}`)).toEqual([
      'GET /api/v1/rpa/jobs listJobs',
      'GET /api/v1/rpa/jobs/{id} getJob',
      'POST /api/v1/rpa/jobs/{id}/_execute executeJob',
      'GET /api/v1/rpa/process listProcesses',
      'GET /api/v1/rpa/process/{id} getProcess',
    ]);
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          expect({ at: `${operation.operationId} ${status} ${mediaType}`, examples: Object.keys(media.examples ?? {}).length > 0 }).toEqual(
            { at: `${operation.operationId} ${status} ${mediaType}`, examples: true },
          );
        }
      }
    }
  });

  it('gives every schema an example', async () => {
    const api = await loadSpec();
    const missing = Object.entries(api.components?.schemas ?? {})
      .filter(([, schema]) => !(schema as { examples?: unknown[] }).examples?.length)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('makes every documented field of a job required', async () => {
    const api = await loadSpec();
    const job = api.components!.schemas!.Job as { required: string[]; properties: Record<string, { required?: string[] }> };
    expect(job.required).toEqual(
      expect.arrayContaining([
        'id',
        'job_name',
        'process_name',
        'process_id',
        'process_version',
        'environment_id',
        'status',
        'job_execution_strategy',
        'job_instances',
        'scheduled',
        'priority',
        'active',
        'previous_trigger',
        'next_trigger',
        'force_user_context',
        'eo_flow_enabled',
        'job_context',
        'preferences',
        'description',
        'type',
        'metadata',
        'start_date',
        'end_date',
      ]),
    );
    expect(job.properties.job_context!.required).toEqual([
      'machine_id',
      'device_name',
      'user_identifier',
      'dynamic_robots',
      'robot_id',
      'robot_name',
      'user_name',
      'user_details',
    ]);
    expect(job.properties.metadata!.required).toEqual(['created_by', 'created_at', 'updated_by', 'updated_at', 'completed_at']);
  });

  it('explains every x-inferred choice in its description', () => {
    const inferred = [...text.matchAll(/x-inferred: true/g)].length;
    expect(inferred).toBeGreaterThanOrEqual(15);
    const undescribed: string[] = [];
    const info = (parseYaml(text) as { info: { description: string } }).info.description;
    const mediaTypesExplained = /names no media\s+type: the `application\/json` of each successful answer is `x-inferred`/.test(info);
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      // A media type object has no description: the info's says why every media type is x-inferred.
      const explained = /\/content\/[^/]+\/[^/]+$/.test(at) ? mediaTypesExplained : /x-inferred/.test(String(record.description ?? ''));
      if (record['x-inferred'] === true && !explained) undescribed.push(at);
      for (const [key, value] of Object.entries(record)) walk(value, `${at}/${key}`);
    };
    walk(parseYaml(text), '');
    expect(undescribed).toEqual([]);
  });

  it('matches its JSON form in rpa-jobs.gen.json, which code that reads no files imports (run npm run gen:types)', () => {
    const json = JSON.parse(readFileSync(path.join(__dirname, 'rpa-jobs.gen.json'), 'utf8'));
    expect(json).toEqual(parseYaml(readFileSync(defaultSpecPath, 'utf8')));
  });

  it('refuses a broken spec with a SpecError naming the file', async () => {
    await expect(loadSpec(path.join(__dirname, '__no_such_spec__.yaml'))).rejects.toThrow(SpecError);
    await expect(loadSpec(path.join(__dirname, '__no_such_spec__.yaml'))).rejects.toThrow(/__no_such_spec__\.yaml/);
  });
});
