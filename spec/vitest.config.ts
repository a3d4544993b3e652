import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit`, the readers and the contract's facts, in this process with vitest's
 * default timeouts; and `e2e`, the tests that start Redocly (the breaking-change gate and the
 * lint configuration), a few seconds each on a busy CI machine, with the long timeout only there.
 * `npm test` runs both; `npx vitest run --project unit` only the fast ones.
 */
const E2E = ['test/breaking-change.test.ts', 'test/lint-config.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E },
      },
      {
        extends: true,
        test: { name: 'e2e', include: E2E, testTimeout: 30_000 },
      },
    ],
  },
});
