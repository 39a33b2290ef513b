import Ajv from 'ajv/dist/2020';
import fc from 'fast-check';
import { sweep } from '../../data/testing/sweep';
import { learnedBranch, widen } from './learnedBranch';
import { NodeSummaries, type Departure } from './nodeSummaries';
import type { LocatedNode } from './locateNode';

const node = {
  field: 'priority',
  schema: {},
  owner: {},
  property: 'priority',
  item: false,
  inferred: true,
  ownerInferred: false,
} as LocatedNode;
// Formats are not checked: a uuid the spec wants is the spec's branch; the test asks what the learned branch adds.
const ajv = new Ajv({ strict: false, validateFormats: false });
const json = fc.jsonValue({ maxDepth: 2 });
const specSchemas = fc.constantFrom<Record<string, unknown>>(
  { type: 'integer', minimum: 1, maximum: 10 },
  { type: 'string', format: 'uuid' },
  { enum: ['running', 'completed'] },
  { type: 'array', items: { type: 'object' } },
  { oneOf: [{ type: 'string' }, { type: 'null' }] },
);

describe('learnedBranch and widen', () => {
  it('accept every value the summary saw, and every value the spec accepted (never tighter)', () => {
    fc.assert(
      fc.property(
        specSchemas,
        fc.constantFrom<Departure>('type', 'format', 'values', 'bounds'),
        fc.array(json, { minLength: 1, maxLength: 40 }),
        fc.array(json, { maxLength: 10 }),
        (spec, departure, seen, others) => {
          const summaries = new NodeSummaries();
          for (const value of seen) summaries.add(node, departure, value, 'x', 'getJob');
          const widened = ajv.compile(widen(spec, [learnedBranch(summaries.all()[0]!)]));
          const original = ajv.compile(spec);
          for (const value of seen) expect(widened(value)).toBe(true);
          for (const value of others) if (original(value)) expect(widened(value)).toBe(true);
        },
      ),
      { numRuns: sweep(200, 1000) },
    );
  });

  it('learns a short list of values as an enum, a long one as its types', () => {
    const few = new NodeSummaries();
    for (const value of ['Done', 'Error', 'Done']) few.add(node, 'values', value, 'one of', 'listJobs');
    expect(learnedBranch(few.all()[0]!)).toMatchObject({ enum: ['Done', 'Error'] });
    const many = new NodeSummaries();
    for (let i = 0; i < 40; i++) many.add(node, 'values', `v${i}`, 'one of', 'listJobs');
    expect(learnedBranch(many.all()[0]!)).toMatchObject({ type: 'string' });
    expect(many.all()[0]!.values.size).toBe(16);
  });
});
