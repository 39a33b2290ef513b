import { createAjv } from './createAjv';
import { firstViolations, toViolations, toWireViolation } from './violations';

const ajv = createAjv();
const validate = ajv.compile({
  type: 'object',
  required: ['id', 'end_date', 'status'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { enum: ['running', 'completed'] },
    end_date: { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
    context: { type: 'object', required: ['robot_id'], properties: { robot_id: { type: ['string', 'null'] } } },
  },
});

function violationsOf(value: unknown) {
  validate(value);
  return toViolations(validate.errors, 'response');
}

describe('toViolations', () => {
  it('reports every violation, each with its JSON pointer and rule', () => {
    expect(violationsOf({ id: 'x', status: 'done', context: {}, extra: 1 }).map(toWireViolation)).toEqual(
      expect.arrayContaining([
        { location: 'response', pointer: '/end_date', rule: 'required', message: 'response body at /end_date is required' },
        {
          location: 'response',
          pointer: '/extra',
          rule: 'additionalProperties',
          message: 'response body at /extra is not allowed here (unknown property)',
        },
        { location: 'response', pointer: '/id', rule: 'format', message: 'response body at /id must be a valid uuid' },
        {
          location: 'response',
          pointer: '/status',
          rule: 'enum',
          message: 'response body at /status must be one of: "running", "completed"',
        },
        { location: 'response', pointer: '/context/robot_id', rule: 'required', message: 'response body at /context/robot_id is required' },
      ]),
    );
    expect(violationsOf({ id: 'x', status: 'done', context: {}, extra: 1 })).toHaveLength(5);
  });

  it('folds a nullable oneOf into the rule the value broke', () => {
    expect(violationsOf({ id: '6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04', status: 'running', end_date: 'yesterday' })).toEqual([
      {
        location: 'response',
        pointer: '/end_date',
        rule: 'format',
        message: 'response body at /end_date must be a valid date-time',
        expected: 'a date-time',
        actual: 'yesterday',
      },
    ]);
    expect(violationsOf({ id: '6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04', status: 'running', end_date: 5 })).toEqual([
      {
        location: 'response',
        pointer: '/end_date',
        rule: 'type',
        message: 'response body at /end_date must be string or null',
        expected: 'string or null',
        actual: 5,
      },
    ]);
  });

  it('names parameters by location and name', () => {
    const query = ajv.compile({
      type: 'object',
      required: ['environment'],
      properties: { environment: { type: 'string' }, type: { enum: ['Unattended', 'Attended'] } },
    });
    query({ type: 'robot' });
    expect(toViolations(query.errors, 'query').map((v) => v.message)).toEqual([
      "query parameter 'environment' is required",
      'query parameter \'type\' must be one of: "Unattended", "Attended"',
    ]);
  });

  it('says what was expected and what was found', () => {
    expect(violationsOf({ id: '6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04', status: 'Done', end_date: null })).toEqual([
      expect.objectContaining({ pointer: '/status', expected: 'one of "running", "completed"', actual: 'Done' }),
    ]);
  });

  it('guesses a renamed or misspelt field', () => {
    const loose = ajv.compile({
      type: 'object',
      required: ['job_name', 'process_name'],
      properties: { job_name: { type: 'string' }, process_name: { type: 'string' } },
    });
    loose({ jobName: 'x', proces_name: 'y' });
    expect(toViolations(loose.errors, 'response').map((v) => v.hint)).toEqual([
      '`jobName` found where `job_name` is required: renamed?',
      '`proces_name` found where `process_name` is required: a typo?',
    ]);
    validate({ id: '6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04', status: 'running', end_date: null, staus: 'x' });
    expect(toViolations(validate.errors, 'body')[0]!.hint).toBe('did you mean `status`?');
  });

  it('marks rules of x-inferred parts of the spec', () => {
    const inferred = ajv.compile({
      type: 'object',
      required: ['status', 'name'],
      properties: {
        status: { 'x-inferred': true, enum: ['completed'] },
        name: { type: 'string' },
        count: { 'x-inferred': true, type: 'integer' },
      },
    });
    inferred({ status: 'Completed', name: 3, count: 'many' });
    expect(toViolations(inferred.errors, 'response').map((v) => `${v.pointer} ${v.inferred === true}`)).toEqual([
      '/status true',
      '/name false',
      '/count true',
    ]);
  });

  it('returns nothing for no errors', () => {
    expect(toViolations(null, 'body')).toEqual([]);
  });
});

describe('firstViolations', () => {
  it('describes the first few violations and counts the rest', () => {
    const many = createAjv().compile({ type: 'object', additionalProperties: { type: 'string' } });
    many(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`a${i}`, {}])));
    const { violations, more } = firstViolations(many.errors, 'body', 20);
    expect(violations).toHaveLength(20);
    expect(more).toBe(980);
    expect(violations[0]).toMatchObject({ pointer: '/a0', rule: 'type' });
  });

  it('counts nothing more when all fit', () => {
    expect(firstViolations(null, 'body', 20)).toEqual({ violations: [], more: 0 });
  });
});
