import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The breaking-change gate starts Redocly (a few seconds each) on a busy CI machine.
    testTimeout: 30_000,
  },
});
