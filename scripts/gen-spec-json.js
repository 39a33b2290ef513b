// Writes the bundled specs as JSON beside the generated types, for code that reads no files (the
// MSW handlers in a browser): `npm run gen:types` runs it; a test fails while they disagree.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const root = path.resolve(__dirname, '..');
for (const [spec, out] of [
  ['spec/rpa-jobs.openapi.yaml', 'src/spec/rpa-jobs.gen.json'],
  ['spec/control.openapi.yaml', 'src/spec/control.gen.json'],
]) {
  const document = parse(readFileSync(path.join(root, spec), 'utf8'));
  writeFileSync(path.join(root, out), `${JSON.stringify(document)}\n`);
}
