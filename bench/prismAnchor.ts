import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../contract-tests/support/redisServer';
import { serveMock, startProcess, type Started } from './benchProcess';

const spec = path.resolve(__dirname, '../../spec/rpa-jobs.openapi.yaml');

export interface Anchor {
  server: Started;
  /** What the anchor is, for the report. */
  note: string;
}

/** Where `@stoplight/prism-cli`'s `prism` command is, when the project has it (it does not depend on it). */
function prismCliPath(): string | undefined {
  try {
    const manifest = require.resolve('@stoplight/prism-cli/package.json');
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
    return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.prism!);
  } catch {
    return undefined;
  }
}

/**
 * The server users would otherwise pick: Prism's own CLI on the same spec when installed, else the
 * mock through Prism's engine (`serve --engine prism`, @stoplight/prism-http behind our server).
 */
export async function startPrismAnchor(): Promise<Anchor> {
  const prism = prismCliPath();
  if (prism) {
    const port = await freePort();
    return {
      server: await startProcess([prism, 'mock', spec, '-h', '127.0.0.1', '-p', String(port)], { port }),
      note: 'anchor: `prism mock` from @stoplight/prism-cli on the same spec',
    };
  }
  return {
    server: await serveMock('--engine', 'prism'),
    note: 'anchor: @stoplight/prism-cli is not installed, so the anchor is `rpa-mock serve --engine prism` (Prism 5.12 engine behind the mock server)',
  };
}
