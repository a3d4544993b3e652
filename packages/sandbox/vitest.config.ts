import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: the sandbox's parts in this process, fast (default timeouts). `e2e`:
 * every test file that starts a server or a process (a sandbox on a free port, the CLI).
 * `npm test` (vitest run) runs both; `npx vitest run --project unit` runs the fast ones. A new
 * test file that starts a sandbox belongs in this list: test/test-projects.test.ts says so.
 */
const E2E = [
  'test/auth.test.ts',
  'test/bad-input.test.ts',
  'test/cli.test.ts',
  'test/concurrency.test.ts',
  'test/control-api.test.ts',
  'test/fixtures.test.ts',
  'test/hostile-input.test.ts',
  'test/instance-operations.test.ts',
  'test/lifecycle.test.ts',
  'test/property.test.ts',
  'test/routes.test.ts',
  'test/trigger-rules.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          // The CLI tests start real sandbox processes; on a busy two-core CI machine a start
          // can take seconds.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
