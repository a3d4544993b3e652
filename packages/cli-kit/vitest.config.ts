import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: the helpers in this process, fast (default timeouts). `e2e`: the tests
 * that start a command built on cli-kit in its own process and signal it. `npm test` (vitest
 * run) runs both; `npx vitest run --project unit` runs the fast ones.
 */
const E2E = ['test/signals.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E },
      },
      {
        extends: true,
        // A Node process starts in a fraction of a second, more on a busy 2-core machine.
        test: {
          name: 'e2e',
          include: E2E,
          testTimeout: 20_000,
          // A signal handler's line can take longer than expect.poll's default second there too.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
