import { defineConfig } from 'vitest/config';

// The quick run starts Prism, the sandbox and Dredd and rebuilds this package: about 20-40 s on
// a 2-core machine, more when other packages' tests run beside it.
export default defineConfig({
  test: {
    testTimeout: 150_000,
    // The quick run rebuilds dist/, which the other files run: never both at once.
    fileParallelism: false,
  },
});
