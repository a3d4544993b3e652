import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: what reads the contract and the code, in-process and fast (default
 * timeouts). `e2e`: every test file that starts a process (Prism, the CLI, the sandbox).
 * `npm test` (vitest run) runs both; `npx vitest run --project unit` runs the fast ones.
 */
const E2E = [
  'test/cli.test.ts',
  'test/dynamic.test.ts',
  'test/extra-operation.test.ts',
  'test/forwarder.test.ts',
  'test/instance-operations.test.ts',
  'test/lifecycle.test.ts',
  'test/prefer.test.ts',
  'test/proxy.test.ts',
  'test/proxy-answers-only.test.ts',
  'test/proxy-sandbox.test.ts',
  'test/request-validation.test.ts',
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
          // Each test file shares one Prism, started in beforeAll: Prism needs a few seconds to
          // start, more on a busy machine.
          hookTimeout: 90_000,
          testTimeout: 30_000,
        },
      },
    ],
  },
});
