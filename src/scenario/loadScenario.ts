import { readFile } from 'node:fs/promises';
import { parseYaml } from '../text/parseYaml';
import { controlSpecPath } from '../spec/loadSpec';
import { loadSpecBundle } from '../spec/specBundle';
import type { Scenario } from './scenario';
import { ScenarioError, scenarioCheck, type ScenarioCheck } from './scenarioCheck';

export { ScenarioError, scenarioCheck, type ScenarioCheck };

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
    value = parseYaml(text);
  } catch (error) {
    throw new ScenarioError(`the scenario file ${file} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return check(value ?? {}, `the scenario file ${file}`);
}
