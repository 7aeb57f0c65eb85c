import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createLogger } from "../../src/logger.ts";
import { startEmbeddedPostgres } from "../../src/store/embedded-postgres.ts";
import { missingPrerequisite } from "./preflight.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A Postgres URL whose user may create databases: each test file makes its own. */
    serverUrl: string;
  }
}

/**
 * Tests run against a real Postgres: the server named by DATABASE_URL when it is set (that is how
 * the shared-database path is tested), otherwise an embedded one, as on a new machine or in CI.
 */
export default async function setup(project: TestProject) {
  const missing = missingPrerequisite();
  if (missing !== undefined) {
    process.stderr.write(`\nCannot run the tests: ${missing}\n\n`);
    process.exit(1);
  }
  if (process.env.DATABASE_URL) {
    project.provide("serverUrl", process.env.DATABASE_URL);
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "lastword-test-"));
  const pg = await startEmbeddedPostgres(dir, createLogger("warn"));
  project.provide("serverUrl", pg.url);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
