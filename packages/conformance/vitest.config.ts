import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit`, fast tests of the package's parts in this process (and, for the read
 * limits, a node:http server in it), with vitest's default timeouts; and `e2e`, the tests that
 * run the real command (Node, the Dredd worker, the sandbox, reference servers). Most are
 * CPU-bound: on a 2-core machine more than two at once only slow each other down, and only they
 * get the long timeouts. The behaviour lane's files mostly wait (their flows run in real time),
 * so two files run at a time (vitest's default is one worker on two cores): the e2e project
 * took 113 s with one worker and 68 s with two, for the same CPU time. `npm test` runs both
 * projects; `vitest run --project unit` only the fast ones.
 */
const E2E = [
  'test/behaviour-broken.test.ts',
  'test/behaviour-runs.test.ts',
  'test/broken-servers.test.ts',
  'test/cli.test.ts',
  'test/evidence-parts.test.ts',
  'test/extra-operation.test.ts',
  'test/guard.test.ts',
  'test/hostile-servers.test.ts',
  'test/mock.test.ts',
  'test/proxy.test.ts',
  'test/proxy-cli.test.ts',
  'test/respect.test.ts',
  'test/sandbox.test.ts',
  'test/secret-leaks.test.ts',
  'test/token-collisions.test.ts',
];

export default defineConfig({
  test: {
    maxWorkers: 2,
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
          testTimeout: 60_000,
          hookTimeout: 30_000,
          maxConcurrency: 2,
        },
      },
    ],
  },
});
