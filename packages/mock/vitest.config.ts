import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test file shares one Prism, started in beforeAll: Prism needs a few seconds to
    // start, more on a busy machine.
    hookTimeout: 90_000,
    testTimeout: 30_000,
  },
});
