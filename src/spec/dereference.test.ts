import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dereference } from './dereference';
import { controlSpecPath, defaultSpecPath, loadSpec } from './loadSpec';

describe('dereference', () => {
  it.each([defaultSpecPath, controlSpecPath])('gives what swagger-parser gives for %s', async (file) => {
    expect(dereference(parse(readFileSync(file, 'utf8')) as object)).toEqual(await loadSpec(file));
  });

  it('shares targets, merges siblings over them, and refuses references it cannot follow', () => {
    const document = {
      components: { schemas: { Id: { type: 'string' } } },
      a: { $ref: '#/components/schemas/Id' },
      b: { $ref: '#/components/schemas/Id' },
      c: { $ref: '#/components/schemas/Id', default: 'x' },
    };
    const result = dereference(document);
    expect(result.a).toBe(result.b);
    expect(result.c).toEqual({ type: 'string', default: 'x' });
    expect(() => dereference({ a: { $ref: 'other.yaml#/x' } })).toThrow(/within the document/);
    expect(() => dereference({ a: { $ref: '#/nowhere' } })).toThrow(/points at nothing/);
    expect(() => dereference({ a: { $ref: '#/a' } })).toThrow(/refers to itself/);
  });
});
