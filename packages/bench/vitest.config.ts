import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: what reads the code and the contract, in-process and fast (default
 * timeouts). `e2e`: every test file that starts a process or a server (the CLI, the sandbox,
 * node:http stand-ins, the quick run). `npm test` (vitest run) runs both;
 * `npx vitest run --project unit` runs the fast ones.
 */
const E2E = [
  'test/cli-usage.test.ts',
  'test/growth-guard.test.ts',
  'test/mix-workload.test.ts',
  'test/processes.test.ts',
  'test/quick-run.test.ts',
  'test/throughput-guard.test.ts',
  'test/token-fetch.test.ts',
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
          // The quick run starts Prism, the sandbox and Dredd and rebuilds this package: about
          // 20-40 s on a 2-core machine, more when other packages' tests run beside it.
          testTimeout: 150_000,
          // The quick run rebuilds dist/, which the CLI test runs: never both at once.
          fileParallelism: false,
        },
      },
    ],
  },
});
