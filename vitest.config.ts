import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules', 'dist', '.toolchain'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests spawn real processes and ports; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
