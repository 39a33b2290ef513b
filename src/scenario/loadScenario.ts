import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { createAjv, toViolations } from '../validator';
import { scenarioSchema, type Scenario } from './scenario';

/** A scenario file or value that cannot be used; names every problem with its JSON pointer. */
export class ScenarioError extends Error {}

/** Checks a scenario (from a file or the control API) against the operations of the spec. */
export function checkScenario(value: unknown, operationIds: string[], source: string): Scenario {
  const validate = createAjv().compile(scenarioSchema(operationIds));
  if (validate(value)) return value as Scenario;
  const problems = toViolations(validate.errors, 'body', 'scenario').map((v) => `  ${v.pointer || '/'}: ${v.message} (rule: ${v.rule})`);
  throw new ScenarioError(`${source} is not a valid scenario:\n${problems.join('\n')}`);
}

/** Reads a scenario file, JSON or YAML. */
export async function loadScenario(file: string, operationIds: string[]): Promise<Scenario> {
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
  return checkScenario(value ?? {}, operationIds, `the scenario file ${file}`);
}
