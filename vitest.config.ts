import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores, which on the 2-core CI machine ran the
    // files one at a time; much of the suite waits on third-party programs and JVMs, so two files
    // at once use the machine better. Tests that look at processes find their own by an
    // environment marker (interop-interrupt), and shared caches are built atomically.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
