import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { migrate } from "../../src/store/migrate.ts";
import { createEmptyDatabase, withClient } from "../support/database.ts";

const log = createLogger("error");

describe("migrations", () => {
  const urls: string[] = [];
  afterAll(async () => {
    for (const url of urls) {
      const admin = new URL(url);
      const name = admin.pathname.slice(1);
      admin.pathname = "/postgres";
      await withClient(admin.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });

  it("applies each migration once when several replicas start at the same moment", async () => {
    const url = await createEmptyDatabase();
    urls.push(url);
    const results = await Promise.all([1, 2, 3, 4].map(() => migrate(url, log)));
    // Exactly one of the four applied the initial migration; the others found it done.
    expect(results.flat().filter((name) => name.endsWith("_init"))).toHaveLength(1);
    const rows = await withClient(url, (c) =>
      c.query(`SELECT migration_name, finished_at FROM "_prisma_migrations"`),
    );
    expect(rows.rows.filter((r) => String(r.migration_name).endsWith("_init"))).toHaveLength(1);
    expect(rows.rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("does nothing on a second start", async () => {
    const url = await createEmptyDatabase();
    urls.push(url);
    expect((await migrate(url, log)).length).toBeGreaterThan(0);
    expect(await migrate(url, log)).toEqual([]);
  });

  it("makes ledger entries impossible to update, delete or truncate through normal SQL", async () => {
    const url = await createEmptyDatabase();
    urls.push(url);
    await migrate(url, log);
    await withClient(url, async (c) => {
      await c.query(
        `INSERT INTO team (workspace_id, channel_id, created_by, updated_at) VALUES ('T1','C1','U1',now())`,
      );
      await c.query(`INSERT INTO session (workspace_id, id, channel_id, number, phase, updated_at)
                     VALUES ('T1','00000000-0000-0000-0000-000000000001','C1',1,'speaking',now())`);
      await c.query(`INSERT INTO ledger_entry (workspace_id, session_id, seq, type, at, payload, prev_hash, hash)
                     VALUES ('T1','00000000-0000-0000-0000-000000000001',1,'started',now(),'{}','0','h')`);
      await expect(c.query(`UPDATE ledger_entry SET type = 'x'`)).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM ledger_entry`)).rejects.toThrow(/append-only/);
      await expect(c.query(`TRUNCATE ledger_entry`)).rejects.toThrow(/append-only/);
      await expect(c.query(`TRUNCATE session CASCADE`)).rejects.toThrow(/append-only/);
      expect((await c.query(`SELECT count(*)::int AS n FROM ledger_entry`)).rows[0].n).toBe(1);
    });
  });
});
