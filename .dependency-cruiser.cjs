/**
 * The import graph's rules, checked by `npm run check` (`depcruise src`): no cycle, and the layers
 * below the assembly stay below it. From the bottom: spec, validator, errors, text, data, state,
 * scenario and credentials (the `.ionapi` file, tokens and their masking, for the kit and the proxy
 * alike); then core (the one request pipeline, which knows engines only by their types in
 * core/engine.ts); then the engines and the gateway (gateway/: the ION API gateway's paths,
 * authorization server and users); then the assembly (mock/, createMock, createProxy, msw/) and the
 * adapters and commands over it (server/, cli/, contract/).
 */
const above = (...layers) => `^src/(${layers.join('|')})(/|\\.ts$)`;
const assemblyAndUp = [
  'mock',
  'msw',
  'server',
  'cli',
  'contract',
  'control',
  'fixtures',
  'createMock',
  'createProxy',
  'options',
  'proxyOptions',
  'client',
  'index',
  'msw\\.ts',
  'types',
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle hides the order modules load in, and whichever one loads first sees the other half-made.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-a-leaf',
      severity: 'error',
      comment: 'core/ answers requests for every adapter: it imports no engine, no assembly and no adapter.',
      from: { path: '^src/core/' },
      to: { path: above('engines', 'gateway', ...assemblyAndUp) },
    },
    {
      name: 'lower-layers-below-core',
      severity: 'error',
      comment: 'The spec, validation, errors, data, state and scenarios know nothing of the pipeline or what is built on it.',
      from: { path: '^src/(spec|validator|errors|text|data|state|scenario|credentials)/' },
      to: { path: above('core', 'engines', 'gateway', ...assemblyAndUp) },
    },
    {
      name: 'engines-below-the-assembly',
      severity: 'error',
      comment: 'An engine answers one request, the gateway stands in front of them; the assembly chooses both, never the reverse.',
      from: { path: '^src/(engines|gateway)/' },
      to: { path: above(...assemblyAndUp) },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$|/testing/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
  },
};
