import { createAjv } from './createAjv';
import { toViolations } from './violations';

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
    expect(violationsOf({ id: 'x', status: 'done', context: {}, extra: 1 })).toEqual(
      expect.arrayContaining([
        { location: 'response', pointer: '/end_date', rule: 'required', message: 'response body at /end_date is required' },
        { location: 'response', pointer: '/extra', rule: 'additionalProperties', message: 'response body at /extra is not allowed here (unknown property)' },
        { location: 'response', pointer: '/id', rule: 'format', message: 'response body at /id must be a valid uuid' },
        { location: 'response', pointer: '/status', rule: 'enum', message: 'response body at /status must be one of: "running", "completed"' },
        { location: 'response', pointer: '/context/robot_id', rule: 'required', message: 'response body at /context/robot_id is required' },
      ]),
    );
    expect(violationsOf({ id: 'x', status: 'done', context: {}, extra: 1 })).toHaveLength(5);
  });

  it('folds a nullable oneOf into the rule the value broke', () => {
    expect(violationsOf({ id: '6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04', status: 'running', end_date: 'yesterday' })).toEqual([
      { location: 'response', pointer: '/end_date', rule: 'format', message: 'response body at /end_date must be a valid date-time' },
    ]);
    expect(violationsOf({ id: '6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04', status: 'running', end_date: 5 })).toEqual([
      { location: 'response', pointer: '/end_date', rule: 'type', message: 'response body at /end_date must be string or null' },
    ]);
  });

  it('names parameters by location and name', () => {
    const query = ajv.compile({ type: 'object', required: ['environment'], properties: { environment: { type: 'string' }, type: { enum: ['Unattended', 'Attended'] } } });
    query({ type: 'robot' });
    expect(toViolations(query.errors, 'query').map((v) => v.message)).toEqual([
      "query parameter 'environment' is required",
      'query parameter \'type\' must be one of: "Unattended", "Attended"',
    ]);
  });

  it('returns nothing for no errors', () => {
    expect(toViolations(null, 'body')).toEqual([]);
  });
});
