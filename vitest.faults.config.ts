import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    // One real Postgres for the whole run (embedded unless DATABASE_URL is set); each test file
    // gets its own database in it, so files run in parallel without seeing each other's rows.
    globalSetup: ["tests/support/postgres.global.ts"],
    // Generous: a fault test waits on real outages and restarts, and on a loaded machine they are slow;
    // each test has its own deadlines inside for what a user would notice (Slack's 3 s).
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
