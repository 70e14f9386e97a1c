import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/vscode/**', 'node_modules/**'],
    // A guard against hangs, not a speed check: CPU-bound property tests take ~9 s on a quiet 2-core machine and
    // several times that under load (seen: > 30 s with the load average at 12).
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
