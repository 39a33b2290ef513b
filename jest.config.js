/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/contract-tests'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  testTimeout: 30000,
  // One worker per core: the suites start servers, Chromium, Redis and child processes of their own,
  // and more workers than cores starve them into time-outs.
  maxWorkers: '100%',
};
