import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse } from "pg-connection-string";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { Logger } from "../logger.ts";

export type Db = PrismaClient;

/**
 * Prisma Client 6.19 with the pg driver adapter (no native query engine). pg ignores the database
 * name when given a connectionString together with other fields, so the URL is split up here.
 */
export function createPrismaClient(databaseUrl: string, poolSize = 10): Db {
  return connect(databaseUrl, poolSize).client;
}

/** A client on a pool of our own: Prisma does not end a pool it was given, so $disconnect does. */
function connect(databaseUrl: string, poolSize: number): Connected {
  const c = parse(databaseUrl);
  const pool = new pg.Pool({
    host: c.host ?? "127.0.0.1",
    port: Number(c.port ?? 5432),
    user: c.user,
    password: c.password,
    database: c.database ?? undefined,
    max: poolSize,
    // A caller waiting for a connection fails after this rather than hang (see HealingDb). Long
    // enough for a burst to be worked off: a vote that waits its turn is better than one refused.
    connectionTimeoutMillis: 30_000,
  });
  // An idle connection closed by the server (a restart, a dropped database) must not crash the
  // process; the next query simply opens a new one.
  pool.on("error", () => undefined);
  let released = 0;
  pool.on("release", () => (released += 1));
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  // $disconnect ends the pool too, as it does for a pool the adapter made itself.
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await disconnect();
    if (!pool.ended) await pool.end();
  };
  return { client, pool, released: () => released };
}

/**
 * A Prisma client that replaces itself when its pool is stuck. When Postgres dies during open
 * interactive transactions, Prisma 6.19 sends ROLLBACK on the dead connection, that throws, and
 * the connection is never returned to the pool: after an outage with enough appends in flight the
 * pool is empty for good. `heal()` notices that the database answers a fresh connection but not
 * the client, and swaps in a new client; everyone holding `db` uses the new one from then on.
 */
export class HealingDb {
  private current: Connected;
  readonly db: Db;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly poolSize = 10,
  ) {
    this.current = connect(databaseUrl, poolSize);
    this.db = new Proxy({} as Db, {
      get: (_target, prop) => {
        const client = this.current.client;
        const value = Reflect.get(client, prop) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
      },
    });
  }

  /**
   * True when the client answers; replaces it when only a fresh connection does. A pool that is
   * merely busy (every connection in use, the probe waiting its turn) is not stuck: connections
   * keep coming back to it. Replacing it would abort the transactions under way.
   */
  async heal(): Promise<boolean> {
    const { client, released } = this.current;
    const before = released();
    if (await answers(client.$queryRaw`SELECT 1`)) return true;
    if (released() !== before) return true; // busy, and moving
    if (!(await answers(freshConnectionAnswers(this.databaseUrl)))) return false; // the database itself is down
    this.log.warn("database pool stuck after an outage; replacing the Prisma client");
    const stuck = this.current;
    this.current = connect(this.databaseUrl, this.poolSize);
    void answers(stuck.client.$disconnect()); // may never finish: its connections are lost
    return answers(this.current.client.$queryRaw`SELECT 1`);
  }

  /** The current client's pool (the metrics read its counts). */
  get pool(): pg.Pool {
    return this.current.pool;
  }

  async close(): Promise<void> {
    await answers(this.current.client.$disconnect(), 5_000);
  }
}

interface Connected {
  client: Db;
  pool: pg.Pool;
  /** How many times a connection has come back to the pool. */
  released: () => number;
}

async function freshConnectionAnswers(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

function answers(p: Promise<unknown>, ms = 2_000): Promise<boolean> {
  return Promise.race([
    p.then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
  ]);
}
