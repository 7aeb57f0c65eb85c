/**
 * The one way to Postgres (src/store/db.ts) on a real server: two writers that collide both get
 * their work done, a connection that died is never handed out again, and everything the URL says
 * reaches each connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, DeadlinePassed, sql, type Tx } from "../../src/store/db.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.sql("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
  await t.sql("CREATE TABLE tally (name text PRIMARY KEY, votes int NOT NULL)");
});
afterAll(() => t.drop());

/** Lets two transactions reach the same point before either goes on (only on their first run). */
function rendezvous(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived += 1;
    if (arrived === parties) open();
    return all;
  };
}

const counter = async (id: number) =>
  (await t.sql<{ n: number }>("SELECT n FROM counter WHERE id = $1", [id]))[0]!.n;

describe("Database.tx", () => {
  it("runs a transaction again when Postgres refuses it as a serialization failure, so both increments land", async () => {
    await t.sql("INSERT INTO counter VALUES (1, 0)");
    const bothRead = rendezvous(2);
    const runs: [number, number] = [0, 0];
    const increment = (who: 0 | 1) =>
      t.db.tx(async (tx) => {
        runs[who] += 1;
        await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL SERIALIZABLE`);
        const [row] = await tx.query<{ n: number }>(sql`SELECT n FROM counter WHERE id = 1`);
        if (runs[who] === 1) await bothRead();
        await tx.execute(sql`UPDATE counter SET n = ${row!.n + 1} WHERE id = 1`);
      });
    await Promise.all([increment(0), increment(1)]);
    expect(await counter(1)).toBe(2);
    // One of the two collided (40001) and ran again on the other's result.
    expect(runs.sort()).toEqual([1, 2]);
  });

  it("runs a transaction again after a deadlock, so both transfers land", async () => {
    await t.sql("INSERT INTO counter VALUES (2, 0), (3, 0)");
    const bothLocked = rendezvous(2);
    const runs: [number, number] = [0, 0];
    const transfer = (who: 0 | 1, from: number, to: number) =>
      t.db.tx(async (tx) => {
        runs[who] += 1;
        await tx.execute(sql`UPDATE counter SET n = n - 1 WHERE id = ${from}`);
        if (runs[who] === 1) await bothLocked();
        await tx.execute(sql`UPDATE counter SET n = n + 1 WHERE id = ${to}`);
      });
    await Promise.all([transfer(0, 2, 3), transfer(1, 3, 2)]);
    expect([await counter(2), await counter(3)]).toEqual([0, 0]);
    expect(runs.sort()).toEqual([1, 2]);
  });

  const castVote = (tx: Tx, name: string, onFirstRead: () => Promise<void>) =>
    (async () => {
      const [row] = await tx.query<{ votes: number }>(sql`SELECT votes FROM tally WHERE name = ${name}`);
      await onFirstRead();
      if (row) await tx.execute(sql`UPDATE tally SET votes = votes + 1 WHERE name = ${name}`);
      else await tx.execute(sql`INSERT INTO tally VALUES (${name}, 1)`);
    })();

  it("retries a unique-key race when the caller says it may: two first uses of a row both count", async () => {
    const bothRead = rendezvous(2);
    let runs = 0;
    const vote = () =>
      t.db.tx(
        (tx) => {
          runs += 1;
          return castVote(tx, "first-use", runs <= 2 ? bothRead : async () => undefined);
        },
        { retryOnUniqueViolation: true },
      );
    await Promise.all([vote(), vote()]);
    expect(await t.sql("SELECT votes FROM tally WHERE name = 'first-use'")).toEqual([{ votes: 2 }]);
    expect(runs).toBe(3);
  });

  it("does not retry a unique-key violation unless asked: a duplicate is then the answer itself", async () => {
    const bothRead = rendezvous(2);
    let runs = 0;
    const vote = () =>
      t.db.tx((tx) => {
        runs += 1;
        return castVote(tx, "no-retry", bothRead);
      });
    const results = await Promise.allSettled([vote(), vote()]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "23505",
    });
    expect(runs).toBe(2);
    expect(await t.sql("SELECT votes FROM tally WHERE name = 'no-retry'")).toEqual([{ votes: 1 }]);
  });

  it("throws away a connection that died inside a transaction; the next transaction gets a live one", async () => {
    const db = Database.fromUrl(t.url, { max: 1 });
    try {
      const killer = Database.fromUrl(t.url, { max: 1 });
      let deadPid = 0;
      await expect(
        db.tx(async (tx) => {
          const [me] = await tx.query<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
          deadPid = me!.pid;
          await killer.query(sql`SELECT pg_terminate_backend(${deadPid})`);
          await tx.query(sql`SELECT 1`);
        }),
      ).rejects.toThrow();
      await killer.close();
      // The pool has room for one connection: had the dead one gone back, this would fail.
      const [after] = await db.tx((tx) => tx.query<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`));
      expect(after!.pid).not.toBe(deadPid);
      expect(await db.answers()).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("leaves a connection in the pool when work failed but Postgres rolled it back cleanly", async () => {
    const db = Database.fromUrl(t.url, { max: 1 });
    try {
      const [before] = await db.query<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
      await expect(
        db.tx(async (tx) => {
          await tx.execute(sql`INSERT INTO counter VALUES (99, 1)`);
          throw new Error("refused by the domain");
        }),
      ).rejects.toThrow("refused by the domain");
      const [after] = await db.query<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
      expect(after!.pid).toBe(before!.pid);
      expect(await t.sql("SELECT * FROM counter WHERE id = 99")).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe("Database.tx with a deadline", () => {
  it("gives up with nothing written when a lock is held past the deadline, and the same work goes through once it is free", async () => {
    await t.sql("INSERT INTO counter VALUES (50, 0)");
    const holder = await t.db.pool.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM counter WHERE id = 50 FOR UPDATE");
    const write = (deadline?: number) =>
      t.db.tx(
        async (tx) => {
          await tx.execute(sql`INSERT INTO tally VALUES ('deadline', 1)`);
          await tx.execute(sql`UPDATE counter SET n = n + 1 WHERE id = 50`);
        },
        deadline === undefined ? {} : { deadline },
      );
    try {
      await expect(write(Date.now() + 500)).rejects.toBeInstanceOf(DeadlinePassed);
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
    // Nothing of it, not even the statement that ran before the wait.
    expect(await t.sql("SELECT * FROM tally WHERE name = 'deadline'")).toEqual([]);
    expect(await counter(50)).toBe(0);
    await write(Date.now() + 2_000);
    expect(await counter(50)).toBe(1);
  });

  it("gives up when no connection is free by the deadline, and leaves the pool whole", async () => {
    const db = Database.fromUrl(t.url, { max: 1 });
    try {
      let release!: () => void;
      const busy = db.tx(() => new Promise<void>((resolve) => (release = resolve)));
      await expect(db.tx(async () => "ran", { deadline: Date.now() + 200 })).rejects.toBeInstanceOf(
        DeadlinePassed,
      );
      release();
      await busy;
      expect(await db.tx(async () => "ran", { deadline: Date.now() + 2_000 })).toBe("ran");
    } finally {
      await db.close();
    }
  });
});

describe("Database.fromUrl", () => {
  it("keeps every parameter of the URL as written: application_name and options reach each connection", async () => {
    const url = new URL(t.url);
    url.searchParams.set("application_name", "lastword-db-test");
    url.searchParams.set("options", "-c search_path=lastword_test_schema,public -c statement_timeout=4321");
    const db = Database.fromUrl(url.toString(), { max: 2 });
    try {
      const settings = () =>
        db.query<{ app: string; path: string; timeout: string }>(sql`
          SELECT current_setting('application_name') AS app, current_setting('search_path') AS path,
                 current_setting('statement_timeout') AS timeout`);
      // Both connections of the pool, not only the first.
      const [a, b] = await Promise.all([
        db.tx((tx) =>
          tx.query<{ app: string; path: string; timeout: string }>(sql`
          SELECT current_setting('application_name') AS app, current_setting('search_path') AS path,
                 current_setting('statement_timeout') AS timeout, pg_sleep(0.05)`),
        ),
        settings(),
      ]);
      for (const row of [a![0], b![0]]) {
        expect(row).toMatchObject({
          app: "lastword-db-test",
          path: "lastword_test_schema,public",
          timeout: "4321ms",
        });
      }
    } finally {
      await db.close();
    }
  });
});

describe("sql", () => {
  it("sends every value as a parameter, numbering nested fragments in order", () => {
    const name = "Robert'); DROP TABLE team;--";
    const filter = sql`AND kind = ANY(${["a", "b"]})`;
    const q = sql`SELECT * FROM job WHERE owner = ${name} ${filter} ${sql.empty} LIMIT ${5}`.toQuery();
    expect(q.text).toBe("SELECT * FROM job WHERE owner = $1 AND kind = ANY($2)  LIMIT $3");
    expect(q.values).toEqual([name, ["a", "b"], 5]);
    const sets = sql.join([sql`a = ${1}`, sql`b = ${2}`, sql`c = now()`], sql`, `).toQuery();
    expect(sets).toEqual({ text: "a = $1, b = $2, c = now()", values: [1, 2] });
  });
});
