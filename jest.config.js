/** Tests run against the TypeScript sources; `npm test` builds lib/ first for the CLI and synth tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  testTimeout: 60000,
  // One temporary folder per run, removed at the end: nothing is left in /tmp.
  globalSetup: '<rootDir>/test/support/tmpdir-setup.js',
  globalTeardown: '<rootDir>/test/support/tmpdir-teardown.js',
};
