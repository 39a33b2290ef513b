// The bundled specs and what is generated from each: the scripts that write, check and lint them read this list.
'use strict';
module.exports = [
  { spec: 'spec/rpa-jobs.openapi.yaml', types: 'src/spec/openapi.gen.ts', json: 'src/spec/rpa-jobs.gen.json' },
  { spec: 'spec/control.openapi.yaml', types: 'src/spec/control.gen.ts', json: 'src/spec/control.gen.json' },
];
