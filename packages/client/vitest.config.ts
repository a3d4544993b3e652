import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit`, fast tests that start no process and keep vitest's default timeout,
 * and `e2e`, the tests that start servers or child processes (the sandbox, scripted and
 * hostile servers, npm pack, tsc, the example; every file of test/integration/), with long
 * timeouts there only. `npm test` (vitest run) runs both; `npx vitest run --project unit` only
 * the fast ones. test/test-projects.test.ts keeps the list honest.
 */
const E2E = [
  'test/integration/**/*.test.ts',
  'test/codegen.test.ts',
  'test/extra-operation.test.ts',
  'test/example.test.ts',
  'test/packaging.test.ts',
  'test/readme-raw-example.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E } },
      { test: { name: 'e2e', include: E2E, testTimeout: 60_000 } },
    ],
  },
});
