import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retentionSweep } from "../../src/jobs/retention.ts";
import { Scheduler } from "../../src/jobs/scheduler.ts";
import { createLogger } from "../../src/logger.ts";
import { DeliveryStore } from "../../src/store/delivery-store.ts";
import { JobStore } from "../../src/store/job-store.ts";
import { RetentionStore } from "../../src/store/retention-store.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

// Retention on a real Postgres, driven by the scheduler on a clock the test moves.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const DAY = 86_400_000;
const start = Date.parse("2027-03-01T00:00:00Z");

describe("retention", () => {
  it("deletes finished jobs, sent deliveries and inbox rows once older than the setting, and nothing else", async () => {
    let now = start;
    const clock = () => new Date(now);
    const log = createLogger("error");
    const jobs = new JobStore(t.db);
    const deliveries = new DeliveryStore(t.db);
    const scheduler = new Scheduler({
      jobs,
      log,
      clock,
      handlers: { noop: async () => undefined },
      sweeps: [retentionSweep(new RetentionStore(t.db), 30, clock, log)],
    });
    // On day 0: a job run and done, one still pending (due in 90 days), a DM sent, one still
    // "posting", and a reply in the inbox that was never recorded.
    await jobs.schedule([
      { workspaceId: "T1", key: "done", kind: "noop", dueAt: new Date(start), payload: {} },
      { workspaceId: "T1", key: "later", kind: "noop", dueAt: new Date(start + 90 * DAY), payload: {} },
    ]);
    await deliveries.posting("T1", "dm-sent", "U1", new Date(start));
    await deliveries.sent("T1", "dm-sent", { channel: "D0000000001", ts: "1.000001" }, new Date(start));
    await deliveries.posting("T1", "dm-posting", "U2", new Date(start));
    await t.sql(
      "INSERT INTO inbox_event (workspace_id, event_id, body, received_at) VALUES ('T1', 'Ev1', '{}', $1)",
      [new Date(start)],
    );
    await t.sql(
      `INSERT INTO team (workspace_id, channel_id, created_by, updated_at) VALUES ('T1', 'C1', 'U1', $1)`,
      [new Date(start)],
    );
    await scheduler.tick(); // runs "done"
    const left = async () => ({
      jobs: (await t.sql<{ key: string }>("SELECT key FROM job ORDER BY key")).map((r) => r.key),
      deliveries: (await t.sql<{ key: string }>("SELECT key FROM delivery ORDER BY key")).map((r) => r.key),
      inbox: (await t.sql("SELECT event_id FROM inbox_event")).length,
      teams: (await t.sql("SELECT channel_id FROM team")).length,
    });
    const everything = { jobs: ["done", "later"], deliveries: ["dm-posting", "dm-sent"], inbox: 1, teams: 1 };
    expect(await left()).toEqual(everything);

    now = start + 29 * DAY;
    await scheduler.tick();
    expect(await left()).toEqual(everything);

    now = start + 31 * DAY;
    await scheduler.tick();
    expect(await left()).toEqual({ jobs: ["later"], deliveries: ["dm-posting"], inbox: 0, teams: 1 });
  });
});
