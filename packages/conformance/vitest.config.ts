import { defineConfig } from 'vitest/config';

// Many tests here run the real command (Node, Dredd, HTTP servers), which is CPU-bound: on a
// 2-core machine, more than two such runs at once only slow each other down.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 30_000,
    maxConcurrency: 2,
  },
});
