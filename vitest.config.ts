import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/{unit,integration,e2e,browser}/**/*.test.ts"],
    // One real Postgres for the whole run (embedded unless DATABASE_URL is set); each test file
    // gets its own database in it, so files run in parallel without seeing each other's rows.
    globalSetup: ["tests/support/postgres.global.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
