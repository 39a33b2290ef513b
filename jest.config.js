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
  },
  testTimeout: 30000,
  // One worker per core: the suites start servers, Chromium, Redis and child processes of their own,
  // and more workers than cores starve them into time-outs.
  maxWorkers: '100%',
};
