import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JobInterrupted, Scheduler, type JobHandler } from "../../src/jobs/scheduler.ts";
import { createLogger } from "../../src/logger.ts";
import { JobStore } from "../../src/store/job-store.ts";
import { SendBudgetStore } from "../../src/store/send-budget-store.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

// The scheduler on a real Postgres, with several "replicas" (Scheduler instances) sharing it and
// a clock the test controls.
let t: TestDatabase;
let jobs: JobStore;
beforeAll(async () => {
  t = await createTestDatabase();
  jobs = new JobStore(t.db);
});
afterAll(() => t.drop());
// Each test starts with an empty job table: a claim takes whatever is due, from any test.
beforeEach(() => t.sql("DELETE FROM job"));

const log = createLogger("error");
let workspace = 0;
const nextWorkspace = () => `T${++workspace}`;

function replica(options: {
  clock: () => Date;
  wait?: (ms: number) => Promise<void>;
  handlers: Record<string, JobHandler>;
  budget?: SendBudgetStore;
  concurrency?: number;
  leaseMs?: number;
}) {
  return new Scheduler({
    jobs,
    log,
    clock: options.clock,
    ...(options.wait ? { wait: options.wait } : {}),
    handlers: options.handlers,
    ...(options.budget ? { pacing: { kinds: ["dm"], budget: options.budget } } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
}

describe("the shared send budget", () => {
  it("keeps two replicas together under the rate, and a burst only after a quiet spell", async () => {
    const ws = nextWorkspace();
    const rate = { perSecond: 10, burst: 5 };
    const a = new SendBudgetStore(t.db, "budget", rate);
    const b = new SendBudgetStore(t.db, "budget", rate);
    const now = new Date("2027-01-01T00:00:00Z");
    // A quiet budget: five (the burst) may go at once, then one every 100 ms.
    expect(await a.available(ws, now, 1_000)).toBe(15);
    const slots = [
      ...(await a.reserve(ws, now, 8)),
      ...(await b.reserve(ws, now, 8)),
      ...(await a.reserve(ws, now, 4)),
    ].map((d) => d.getTime() - now.getTime());
    expect(slots.filter((ms) => ms <= 0)).toHaveLength(6); // the burst (five slots back to -500 ms, and the one at 0)
    const sorted = [...slots].sort((x, y) => x - y);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(99); // never two in one interval
    expect(sorted.at(-1)).toBe(1_400); // 20 messages at 10/s with 5 of credit: the last 1.4 s on
    expect(await b.available(ws, now, 1_000)).toBe(0);
  });

  it("holds every replica after a 429 until Slack's Retry-After, in that workspace only", async () => {
    const [ws, other] = [nextWorkspace(), nextWorkspace()];
    const a = new SendBudgetStore(t.db, "budget", { perSecond: 10, burst: 10 });
    const b = new SendBudgetStore(t.db, "budget", { perSecond: 10, burst: 10 });
    const now = new Date("2027-01-01T00:00:00Z");
    await a.holdUntil(ws, new Date(now.getTime() + 30_000));
    const later = new Date(now.getTime() + 29_000);
    expect(await b.available(ws, later, 500)).toBe(0);
    const [first] = await b.reserve(ws, later, 1);
    expect(first!.getTime()).toBe(now.getTime() + 30_000);
    // Slack's limits are per workspace: another organisation's DMs go on.
    expect(await b.available(other, later, 500)).toBe(15);
    const [elsewhere] = await b.reserve(other, later, 1);
    expect(elsewhere!.getTime()).toBeLessThanOrEqual(later.getTime());
  });
});

describe("the scheduler", () => {
  it("sends a backlog of DMs from three replicas at the budget's rate, each once", async () => {
    const ws = nextWorkspace();
    // Time is the test's: replicas tick once a (virtual) second, and a job's wait for its slot in
    // the budget is recorded instead of slept, so a busy machine changes nothing.
    const start = new Date("2027-01-04T01:00:00Z").getTime();
    let now = start;
    const clock = () => new Date(now);
    const slots: number[] = [];
    const wait = async (ms: number) => void slots.push(now + ms);
    await jobs.schedule(
      Array.from({ length: 120 }, (_, i) => ({
        workspaceId: ws,
        key: `dm:${i}`,
        kind: "dm",
        dueAt: new Date(start - 1000),
        payload: {},
      })),
    );
    const runs = new Map<string, number>();
    const handlers = {
      dm: async (job: { key: string }) => void runs.set(job.key, (runs.get(job.key) ?? 0) + 1),
    };
    const budget = () => new SendBudgetStore(t.db, "budget", { perSecond: 40, burst: 10 });
    const replicas = [
      replica({ clock, wait, handlers, budget: budget() }),
      replica({ clock, wait, handlers, budget: budget() }),
      replica({ clock, wait, handlers, budget: budget() }),
    ];
    // Each job starts at its slot if it had to wait for one, else at the tick that started it.
    const times: number[] = [];
    for (let round = 0; round < 20 && runs.size < 120; round++) {
      const [ranBefore, waitedBefore] = [[...runs.values()].reduce((a, b) => a + b, 0), slots.length];
      await Promise.all(replicas.map((r) => r.tick()));
      const ran = [...runs.values()].reduce((a, b) => a + b, 0) - ranBefore;
      const waited = slots.slice(waitedBefore);
      times.push(...waited, ...Array.from({ length: ran - waited.length }, () => now));
      now += 1000;
    }
    expect(runs.size).toBe(120);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    times.sort((x, y) => x - y);
    // 120 at 40/s with 10 of credit: the last at least (120 - 11) / 40 = 2.7 s on, whatever the
    // replicas do; and never two slots closer than the rate's 25 ms once the credit is spent.
    expect(times.at(-1)! - start).toBeGreaterThanOrEqual(2_700);
    const spaced = [...slots].sort((x, y) => x - y);
    for (let i = 1; i < spaced.length; i++) expect(spaced[i]! - spaced[i - 1]!).toBeGreaterThanOrEqual(25);
    // In any second: the burst, the slot due now and the rate, 51 at most. Three replicas each
    // keeping its own budget would give over 100 in the first second.
    for (const t0 of times)
      expect(times.filter((t1) => t1 >= t0 && t1 < t0 + 1000).length).toBeLessThanOrEqual(51);
  });

  it("runs a meeting's turn timer at once while a quarter's DMs wait for the budget", async () => {
    const ws = nextWorkspace();
    const now = new Date("2027-01-04T01:00:00Z");
    const clock = () => now;
    await jobs.schedule(
      Array.from({ length: 500 }, (_, i) => ({
        workspaceId: ws,
        key: `dm:${i}`,
        kind: "dm",
        dueAt: new Date(now.getTime() - 60_000),
        payload: {},
      })),
    );
    await jobs.schedule([{ workspaceId: ws, key: "timer", kind: "timer", dueAt: now, payload: {} }]);
    const ran: string[] = [];
    const r = replica({
      clock,
      handlers: { dm: async (job) => void ran.push(job.key), timer: async (job) => void ran.push(job.key) },
      budget: new SendBudgetStore(t.db, "budget", { perSecond: 5, burst: 5 }),
    });
    await r.tick();
    expect(ran).toContain("timer");
    expect(ran.filter((k) => k.startsWith("dm:")).length).toBeLessThanOrEqual(10); // the burst and one second's worth, no more
  });

  it("paces each workspace on its own budget: one organisation's backlog does not delay another's DMs", async () => {
    const [busy, quiet] = [nextWorkspace(), nextWorkspace()];
    const now = new Date("2027-01-04T01:00:00Z");
    const clock = () => now;
    // The busy workspace's quarter has been waiting a minute; the quiet one's three DMs just fell due.
    await jobs.schedule([
      ...Array.from({ length: 300 }, (_, i) => ({
        workspaceId: busy,
        key: `dm:${i}`,
        kind: "dm",
        dueAt: new Date(now.getTime() - 60_000),
        payload: {},
      })),
      ...Array.from({ length: 3 }, (_, i) => ({
        workspaceId: quiet,
        key: `dm:${i}`,
        kind: "dm",
        dueAt: now,
        payload: {},
      })),
    ]);
    const ran: string[] = [];
    const r = replica({
      clock,
      wait: async () => undefined,
      handlers: { dm: async (job) => void ran.push(job.workspaceId) },
      budget: new SendBudgetStore(t.db, "budget", { perSecond: 5, burst: 5 }),
    });
    await r.tick();
    expect(ran.filter((w) => w === quiet)).toHaveLength(3);
    // The busy one gets its own budget's worth, not everyone's.
    expect(ran.filter((w) => w === busy).length).toBeGreaterThan(0);
    expect(ran.filter((w) => w === busy).length).toBeLessThanOrEqual(11);
  });

  it("does not start a job whose claim ran out while this replica stalled; another replica runs it once", async () => {
    const ws = nextWorkspace();
    let now = new Date("2027-01-04T01:00:00Z");
    const clock = () => now;
    await jobs.schedule([{ workspaceId: ws, key: "slow-start", kind: "work", dueAt: now, payload: {} }]);
    const ranBy: string[] = [];
    const stalled = replica({
      clock,
      handlers: { work: async () => void ranBy.push("stalled") },
      leaseMs: 60_000,
    });
    const other = replica({
      clock,
      handlers: { work: async () => void ranBy.push("other") },
      leaseMs: 60_000,
    });
    // The stalled replica claims, then (a long GC pause, a suspended VM) gets to run the job only
    // after its lease has run out and the other replica has claimed and done it.
    const claimed = await jobs.claimDue(stalled.owner, now, 60_000, 10);
    expect(claimed.map((j) => j.key)).toContain("slow-start");
    now = new Date(now.getTime() + 61_000);
    await other.tick();
    await (stalled as unknown as { run(job: unknown): Promise<void> }).run(
      claimed.find((j) => j.key === "slow-start"),
    );
    expect(ranBy).toEqual(["other"]);
  });

  it("keeps a long job's claim while it calls keepAlive, so no second replica starts it", async () => {
    const ws = nextWorkspace();
    let now = new Date("2027-01-04T01:00:00Z");
    const clock = () => now;
    await jobs.schedule([{ workspaceId: ws, key: "long", kind: "long", dueAt: now, payload: {} }]);
    let starts = 0;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const handlers: Record<string, JobHandler> = {
      long: async (_job, { keepAlive }) => {
        starts += 1;
        for (let page = 0; page < 3; page++) {
          now = new Date(now.getTime() + 45_000); // each page takes most of a lease
          expect(await keepAlive()).toBe(true);
        }
        await finished;
      },
    };
    const a = replica({ clock, handlers });
    const b = replica({ clock, handlers });
    const running = a.tick();
    await new Promise((r) => setTimeout(r, 200));
    await b.tick(); // 135 s after the claim: without keepAlive its lease would have run out twice
    finish();
    await running;
    expect(starts).toBe(1);
    expect((await jobs.find(ws, "long"))?.doneAt).not.toBeNull();
  });

  it("stops a long job at its next keepAlive when the replica stops, and makes it due again at once", async () => {
    const ws = nextWorkspace();
    const now = new Date("2027-01-04T01:00:00Z");
    await jobs.schedule([{ workspaceId: ws, key: "read-users", kind: "long", dueAt: now, payload: {} }]);
    let pages = 0;
    const r = replica({
      clock: () => now,
      handlers: {
        long: async (_job, { keepAlive }) => {
          for (;;) {
            pages += 1;
            await new Promise((resolve) => setTimeout(resolve, 20));
            if (!(await keepAlive())) throw new JobInterrupted();
          }
        },
      },
    });
    const running = r.tick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await r.stop(); // returns once the job has given up, not after it would have finished
    await running;
    expect(pages).toBeGreaterThan(0);
    const [row] = await t.sql<{
      done_at: Date | null;
      claimed_by: string | null;
      attempts: number;
      due_at: Date;
    }>(
      "SELECT done_at, claimed_by, attempts, due_at FROM job WHERE workspace_id = $1 AND key = 'read-users'",
      [ws],
    );
    expect(row).toMatchObject({ done_at: null, claimed_by: null, attempts: 0 });
    expect(row!.due_at.getTime()).toBe(now.getTime());
  });
});

describe("a wall clock that jumps", () => {
  it("runs what fell due once when the clock jumps days ahead, nothing when it steps back, and logs nothing per missed second", async () => {
    const ws = nextWorkspace();
    const hour = 3_600_000;
    const day = 24 * hour;
    const start = new Date("2027-03-01T09:00:00Z").getTime();
    let now = new Date(start);
    await jobs.schedule(
      [
        ["in-an-hour", hour],
        ["in-two-days", 2 * day],
        ["in-five-days", 5 * day],
      ].map(([key, after]) => ({
        workspaceId: ws,
        key: key as string,
        kind: "work",
        dueAt: new Date(start + (after as number)),
        payload: {},
      })),
    );
    const lines: string[] = [];
    const ran: string[] = [];
    let passes = 0;
    const scheduler = new Scheduler({
      jobs,
      log: createLogger("debug", (line) => lines.push(line)),
      clock: () => now,
      handlers: { work: async (job) => void ran.push(job.key) },
      // Counts the scheduler's passes over the database (the sweeps run once per pass).
      sweeps: [
        async () => {
          passes += 1;
        },
      ],
      tickMs: 10,
    });
    const morePasses = async (n: number) => {
      const target = passes + n;
      await expect.poll(() => passes, { timeout: 10_000 }).toBeGreaterThanOrEqual(target);
    };
    scheduler.start();
    try {
      await morePasses(3);
      expect(ran).toEqual([]);
      // A virtual machine resumed after three days: what fell due meanwhile runs, once each.
      now = new Date(start + 3 * day);
      await expect.poll(() => [...ran].sort(), { timeout: 10_000 }).toEqual(["in-an-hour", "in-two-days"]);
      await morePasses(5);
      // The clock is stepped back ten days: nothing is due, nothing runs again.
      now = new Date(start - 10 * day);
      await morePasses(5);
      expect(ran).toHaveLength(2);
      // And forward past the last one.
      now = new Date(start + 6 * day);
      await expect.poll(() => ran.length, { timeout: 10_000 }).toBe(3);
      await morePasses(5);
      expect([...ran].sort()).toEqual(["in-an-hour", "in-five-days", "in-two-days"]);
      // A pass per real tick, not one per missed second: a replay of the jumps would be 777,600.
      expect(passes).toBeLessThan(10_000);
      expect(lines).toEqual([]);
    } finally {
      await scheduler.stop();
    }
  });
});
