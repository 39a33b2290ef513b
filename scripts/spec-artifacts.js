// What is generated from each spec: its wire types (openapi-typescript) and its JSON form, which the
// mock loads at start and code that reads no files (the MSW handlers in a browser) imports.
//   node scripts/spec-artifacts.js           writes them (npm run gen:types)
//   node scripts/spec-artifacts.js --check   exits 1 when the types disagree with their spec (npm run lint:spec;
//                                            src/spec/spec.test.ts holds the JSON form to the YAML)
'use strict';
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');
const specs = require('./specs');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const cli = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');

let stale = 0;
for (const { spec, types, json } of specs) {
  if (!check) {
    execFileSync(process.execPath, [cli, spec, '-o', types], { cwd: root, stdio: 'inherit' });
    writeFileSync(path.join(root, json), `${JSON.stringify(parse(readFileSync(path.join(root, spec), 'utf8')))}\n`);
    continue;
  }
  try {
    execFileSync(process.execPath, [cli, spec, '-o', types, '--check'], { cwd: root, stdio: 'pipe' });
  } catch {
    stale++;
    console.error(`${types} is not what ${spec} generates: run npm run gen:types`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
