import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: the stack's parts in this process, fast (default timeouts). `e2e`: every
 * test file that starts a process or a server (the stack's CLI, the commands the READMEs print,
 * the packs installed through a loopback registry). `npm test` (vitest run) runs both;
 * `npx vitest run --project unit` runs the fast ones.
 */
const E2E = [
  'test/cli.test.ts',
  'test/end-to-end.test.ts',
  'test/packs.test.ts',
  'test/root-commands.test.ts',
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
          // They start real Prism, Node, npm and Dredd processes.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
