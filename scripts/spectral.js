// Spectral's OpenAPI ruleset over both specs, every rule, as .spectral.yaml configures it (each rule it
// turns off says why). Prints each finding; exits 1 when there is one. npm run lint:spec runs it.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { Document, Spectral } = require('@stoplight/spectral-core');
const { Yaml } = require('@stoplight/spectral-parsers');
const { oas } = require('@stoplight/spectral-rulesets');
const { parse } = require('yaml');

const root = path.resolve(__dirname, '..');
const specs = require('./specs').map(({ spec }) => spec);

async function main() {
  const { rules } = parse(readFileSync(path.join(root, '.spectral.yaml'), 'utf8'));
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [[oas, 'all']], rules });
  let findings = 0;
  for (const spec of specs) {
    const file = path.join(root, spec);
    const results = await spectral.run(new Document(readFileSync(file, 'utf8'), Yaml, file));
    for (const result of results)
      console.error(`${spec}:${result.range.start.line + 1} ${result.code} at ${result.path.join('.')}: ${result.message}`);
    findings += results.length;
  }
  console.log(`spectral:oas: ${findings} findings in ${specs.length} specs`);
  process.exitCode = findings > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`spectral: ${error.message}`);
  process.exitCode = 2;
});
