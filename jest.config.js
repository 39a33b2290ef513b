/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/contract-tests'],
  // swc strips the types and nothing more (pretest type-checks with tsc); on a cold cache a suite
  // starts in about a third of the time ts-jest's transpile-only mode took. @swc/core's postinstall
  // (not allowed in package.json) only checks that the native binary npm installed as an optional
  // dependency loads, and fetches a WebAssembly build otherwise.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
    ],
    // ES modules in node_modules become CommonJS, which Jest on Node 20 requires: msw's dependencies ship some.
    '^.+\\.m?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Only those are transformed (every .mjs, and until-async, ESM in .js files); the rest loads as it is.
  transformIgnorePatterns: ['/node_modules/(?!until-async/).*\\.(c?js|json)$'],
  testTimeout: 30000,
  // One worker per core: the suites start servers, Chromium, Redis and child processes of their own,
  // and more workers than cores starve them into time-outs.
  maxWorkers: '100%',
};
