import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/vscode/**', 'node_modules/**'],
    // A guard against hangs, not a speed check: CPU-bound property tests take ~9 s on a quiet 2-core machine and
    // several times that under load (seen: > 30 s with the load average at 12).
    testTimeout: 180_000,
    // Most test files wait on other processes (sshd, the language server, pre-commit's npm, the packed CLI), so
    // three files at a time keep a 2-core machine busy where vitest's default (cores - 1 = one file) leaves it
    // idle. Files that share anything get their own: loopback blocks, ports, temp dirs and HOMEs per file.
    maxWorkers: 3,
    minWorkers: 1,
    hookTimeout: 60_000,
  },
});
