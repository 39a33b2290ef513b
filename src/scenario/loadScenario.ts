import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { SetupError } from '../errors/setupError';
import { controlSpecPath, type OpenApiDocument } from '../spec/loadSpec';
import { loadSpecBundle } from '../spec/specBundle';
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

/** The scenario check of the bundled control spec. */
export async function loadScenarioCheck(operationIds: string[]): Promise<ScenarioCheck> {
  return scenarioCheck((await loadSpecBundle(controlSpecPath)).document, operationIds);
}

/** Reads a scenario file, JSON or YAML. */
export async function loadScenario(file: string, check: ScenarioCheck): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(
      `the scenario file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new ScenarioError(`the scenario file ${file} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return check(value ?? {}, `the scenario file ${file}`);
}
