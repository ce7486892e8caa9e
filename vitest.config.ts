import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['framework/**/*.test.ts', 'scripts/**/*.test.ts', 'docs-site/test/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['framework/test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
