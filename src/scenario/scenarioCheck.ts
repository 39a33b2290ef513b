import { SetupError } from '../errors/setupError';
import type { OpenApiDocument } from '../spec/loadSpec';
import { createAjv, toViolations } from '../validator';
import type { Scenario } from './scenario';

/** A scenario file or value that cannot be used; names every problem with its JSON pointer. */
export class ScenarioError extends SetupError {}

/** Checks a scenario, from a file, flags or the control API; throws a ScenarioError naming `source`. */
export type ScenarioCheck = (value: unknown, source: string) => Scenario;

/**
 * Checks scenarios against the control spec's `Scenario` schema, and their operation names against
 * the API's operations.
 */
export function scenarioCheck(controlSpec: OpenApiDocument, operationIds: string[]): ScenarioCheck {
  const schema = controlSpec.components?.schemas?.Scenario as { properties: Record<string, object> };
  const withOperations = {
    ...schema,
    properties: { ...schema.properties, operations: { ...schema.properties.operations, propertyNames: { enum: operationIds } } },
  };
  const validate = createAjv().compile(withOperations);
  return (value, source) => {
    if (validate(value)) return value as Scenario;
    const problems = toViolations(validate.errors, 'body', 'scenario').map((v) => `  ${v.pointer || '/'}: ${v.message} (rule: ${v.rule})`);
    throw new ScenarioError(`${source}: not a valid scenario:\n${problems.join('\n')}`);
  };
}
