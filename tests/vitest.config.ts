import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/helpers/setup.ts"],
    // Site builds are child processes; give them room on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
