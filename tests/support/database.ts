import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { migrate } from "../../src/store/migrate.ts";
import { Database } from "../../src/store/db.ts";

export interface TestDatabase {
  url: string;
  db: Database;
  /** Runs raw SQL as the test's database owner (for reading everything, or tampering). */
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** A fresh, empty database (not yet migrated) on the test server; its URL. */
export async function createEmptyDatabase(): Promise<string> {
  const server = new URL(inject("serverUrl"));
  const name = `lw_${randomBytes(6).toString("hex")}`;
  await withClient(server.toString(), (c) => c.query(`CREATE DATABASE ${name}`));
  server.pathname = `/${name}`;
  return server.toString();
}

/** A fresh database with every migration applied, and a pool on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = await createEmptyDatabase();
  await migrate(url, createLogger("warn"));
  const db = Database.fromUrl(url, { max: 5 });
  return {
    url,
    db,
    sql: async (text, values) => withClient(url, async (c) => (await c.query(text, values)).rows),
    drop: async () => {
      await db.close();
      const server = new URL(url);
      const name = server.pathname.slice(1);
      server.pathname = "/postgres";
      await withClient(server.toString(), (c) =>
        c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).catch(() => undefined);
    },
  };
}

export async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The ballot key a test bot uses on `databaseUrl`: derived from the URL, so every replica a test
 * starts on one database shares it, as LASTWORD_BALLOT_KEY must be shared in production.
 */
export function ballotKeyFor(databaseUrl: string): string {
  return createHash("sha256").update(`ballot key for ${databaseUrl}`).digest("base64");
}
