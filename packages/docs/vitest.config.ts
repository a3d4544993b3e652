import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: what reads the contract, the samples and the code, in-process and fast
 * (default timeouts). `e2e`: every test file that starts a process or a server (Redocly,
 * Chromium, the sandbox, the docs server and its CLI). `npm test` (vitest run) runs both;
 * `npx vitest run --project unit` runs the fast ones.
 */
const E2E = [
  'test/extra-operation.test.ts',
  'test/guide-in-browser.test.ts',
  'test/guide-samples-against-sandbox.test.ts',
  'test/page-in-browser.test.ts',
  'test/redocly.test.ts',
  'test/samples-against-sandbox.test.ts',
  'test/serve.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: E2E,
          // The TypeScript samples are type-checked in-process against the client: one program,
          // a few seconds on a 2-core machine.
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          // Chromium starts in a few seconds on this 2-core machine; the sandbox runs start
          // servers; Redocly renders a page in a few seconds.
          testTimeout: 20_000,
          hookTimeout: 120_000,
          // Redoc draws the page after load; with the other packages' tests on the same two
          // cores that took over expect.poll's default second in CI (the extra operation's
          // section, not yet drawn). A reader waits a few seconds; so do these polls.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
