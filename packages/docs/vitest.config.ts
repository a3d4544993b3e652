import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Chromium starts in a few seconds on this 2-core machine; the sandbox runs start servers.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
