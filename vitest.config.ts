import { defineConfig } from 'vitest/config'

/**
 * One config for unit, adapter and e2e tests. globalSetup finds (or starts) the PostgreSQL server
 * the adapter suites use; see test/support/global-setup.ts.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Each test file's CLI runs record their audit in a temporary state file, never ~/.tdg/state.db.
    setupFiles: ['test/support/state-per-file.ts'],
  },
})
