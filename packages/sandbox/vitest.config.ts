import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The CLI tests start real sandbox processes; on a busy two-core CI machine a start can
    // take seconds.
    testTimeout: 30_000,
  },
});
