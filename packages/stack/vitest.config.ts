import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The end-to-end test starts real Prism, Node and Dredd processes.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
