import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

// An operator's Prometheus scrapes /metrics after a short day: a session run to its vote, and the
// quarter's check-in DMs sent. What the counters say is checked against what the database holds.
let now = Date.parse("2026-12-20T02:00:00Z");
let world: World;
let meeting: Meeting;

beforeAll(async () => {
  world = await startWorld(
    [
      ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "en-US", tz: "Asia/Shanghai" })),
      { id: ADMIN, name: "chair", tz: "Asia/Shanghai" },
    ],
    { clock: () => new Date(now), autoTick: false },
  );
  meeting = new Meeting(world);
}, 60_000);
afterAll(() => world?.close());

/** The scrape as Prometheus reads it: `name{labels}` → value. */
async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(`http://127.0.0.1:${world.bot.running.port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

describe("/metrics", () => {
  it("counts requests and acks by kind, ledger entries by type, DMs sent and 429s, and reads the backlog and the pool", async () => {
    const before = await scrape();
    expect(before.get('lastword_slack_requests_total{kind="command"}') ?? 0).toBe(0);

    await meeting.setUpRoster();
    // Slack turns down the session's first post once; the client waits and posts it again.
    world.fake.rateLimit("chat.postMessage", { retryAfterSeconds: 1, times: 1 });
    await meeting.start(ADMIN, `funds <@${member(4)}> Buy two ambulances for 1.2 million`);
    await meeting.completeRound([4, 7, 6, 5, 3, 2, 1].map(member));
    for (const m of SEVEN) await meeting.vote(m.id, "motion", "approve");
    await meeting.waitForEntry((e) => e.type === "vote_closed");

    // 09:00 in Shanghai on the quarter's first working day: the check-ins go out.
    now = Date.parse("2027-01-04T01:00:00Z");
    for (let i = 0; i < 3; i++) await world.bot.running.scheduler.tick();
    const sent = await world.database.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM delivery WHERE state = 'sent'",
    );
    expect(sent[0]!.n).toBeGreaterThan(0);

    const after = await scrape();
    const value = (sample: string) => after.get(sample) ?? 0;
    // Eight commands (seven roster adds and /decide), the proposer's and the principal's statements
    // as events.
    expect(value('lastword_slack_requests_total{kind="command"}')).toBe(8);
    expect(value('lastword_slack_requests_total{kind="event"}')).toBe(2);
    // Five passes, two "done" (the proposer's and the principal's), seven votes.
    expect(value('lastword_slack_requests_total{kind="action"}')).toBe(5 + 2 + 7);
    for (const kind of ["command", "event", "action"]) {
      // Every request was acknowledged, and timed from arrival to its ack.
      expect(value(`lastword_slack_ack_seconds_count{kind="${kind}"}`), kind).toBe(
        value(`lastword_slack_requests_total{kind="${kind}"}`),
      );
      expect(value(`lastword_slack_ack_seconds_sum{kind="${kind}"}`), kind).toBeGreaterThan(0);
    }
    // Ledger entries by type: exactly what the ledger holds.
    const ledger = await world.database.sql<{ type: string; n: number }>(
      "SELECT type, count(*)::int AS n FROM ledger_entry GROUP BY type",
    );
    expect(ledger.find((r) => r.type === "vote_cast")?.n).toBe(7);
    for (const { type, n } of ledger)
      expect(value(`lastword_ledger_entries_total{type="${type}"}`), type).toBe(n);
    expect(value("lastword_dms_sent_total")).toBe(sent[0]!.n);
    expect(value('lastword_slack_rate_limited_total{client="requests"}')).toBe(1);
    expect(after.has("lastword_send_budget_lag_seconds")).toBe(true);
    // Read from the database at the scrape: nothing waits in the inbox; the pool is open.
    expect(after.get("lastword_inbox_depth")).toBe(0);
    // Work waiting for a replica: one job due ten seconds ago, one five minutes ago (late), one tomorrow.
    await world.bot.running.deps.jobs.schedule(
      [10_000, 300_000, -86_400_000].map((ago) => ({
        workspaceId: "T0OTHER",
        key: `waiting:${ago}`,
        kind: "waiting",
        dueAt: new Date(now - ago),
        payload: {},
      })),
    );
    const later = await scrape();
    expect(later.get("lastword_jobs_due")).toBe(2);
    expect(later.get("lastword_jobs_late")).toBe(1);
    expect(value("lastword_db_pool_connections")).toBeGreaterThan(0);
    expect(after.get("lastword_db_pool_waiting")).toBe(0);
    expect(value("lastword_process_resident_memory_bytes")).toBeGreaterThan(0);
  }, 90_000);
});
