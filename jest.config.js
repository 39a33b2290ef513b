/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/contract-tests'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
    '^.+\\.m?js$': '<rootDir>/jest.esm-transform.js',
  },
  // Only ES modules in node_modules are transformed (every .mjs, and until-async, ESM in .js files):
  // msw's dependencies ship some; the rest loads as it is.
  transformIgnorePatterns: ['/node_modules/(?!until-async/).*\\.(c?js|json)$'],
  testTimeout: 30000,
  // One worker per core: the suites start servers, Chromium, Redis and child processes of their own,
  // and more workers than cores starve them into time-outs.
  maxWorkers: '100%',
};
