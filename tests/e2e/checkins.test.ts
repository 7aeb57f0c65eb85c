import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeSlack, type FakeSlack } from "../harness/fake-slack.ts";
import { CHANNEL, startTestBot, type TestBot } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, SEVEN, member } from "../support/meeting.ts";

// A year of quarterly check-ins for a 7-member team, with a clock the test moves and two
// replicas ticking their schedulers by hand.
let now = Date.parse("2026-12-20T00:00:00Z");
const clock = () => new Date(now);
let fake: FakeSlack;
let database: TestDatabase;
let a: TestBot;
let b: TestBot;
const NEW_YORK = member(3); // follows US daylight saving time
const DISCIPLINE = member(5);

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addChannel({ id: CHANNEL, name: "leadership" });
  for (const m of SEVEN)
    fake.addUser({
      id: m.id,
      name: m.name,
      locale: m.rank === 2 ? "zh-CN" : "en-US",
      tz: m.id === NEW_YORK ? "America/New_York" : "Asia/Shanghai",
    });
  fake.addUser({ id: ADMIN, name: "chair", tz: "Asia/Shanghai" });
  database = await createTestDatabase();
  // The test's clock stands still between moves, so the DM budget (per second of that clock) is
  // set high enough not to be what a test waits for; tests/integration/scheduler.test.ts has it.
  const replica = () =>
    startTestBot(
      fake,
      database.url,
      { LASTWORD_DEFAULT_TIMEZONE: "Asia/Shanghai", LASTWORD_DM_PER_SECOND: "100" },
      { clock, autoTick: false },
    );
  [a, b] = await Promise.all([replica(), replica()]);
  for (const m of SEVEN)
    await command(
      ADMIN,
      `roster add <@${m.id}|${m.name}> ${m.rank} ${m.rank === 1 ? "Secretary" : "Deputy"} ${m.rank === 4 ? "finance" : ""}`,
    );
  await command(ADMIN, `roster role <@${DISCIPLINE}> discipline`);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await database?.drop();
  await fake?.close();
});

async function command(user: string, text: string) {
  const sent = await a.driver.command({ command: "/lastword", text, userId: user, channelId: CHANNEL });
  return (await fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000)).body as {
    text: string;
    response_type: string;
  };
}
const at = (iso: string) => (now = Date.parse(iso));
const tickBoth = () => Promise.all([a.running.scheduler.tick(), b.running.scheduler.tick()]);
const checkinDMs = (user: string, quarter: string) =>
  fake
    .messagesIn(user)
    .filter(
      (m) =>
        JSON.stringify(m.blocks ?? []).includes(`${CHANNEL}|${quarter}`) &&
        !String(m.text).startsWith("Reminder"),
    );
const reminders = (user: string, quarter: string) =>
  fake
    .messagesIn(user)
    .filter(
      (m) =>
        JSON.stringify(m.blocks ?? []).includes(`${CHANNEL}|${quarter}`) &&
        /^(Reminder|提醒)/.test(String(m.text)),
    );
const dmText = (user: string) =>
  fake
    .messagesIn(user)
    .map((m) => m.text)
    .join("\n---\n");

async function press(user: string, actionId: string, quarter: string, triggerId?: string) {
  const dm = checkinDMs(user, quarter).at(-1)!;
  return b.driver.blockAction({
    actionId,
    value: `${CHANNEL}|${quarter}`,
    userId: user,
    channelId: dm.channel,
    messageTs: dm.ts,
    ...(triggerId ? { triggerId } : {}),
  });
}

describe("quarterly check-ins", () => {
  it("sends nothing before the first working day of the quarter, then each leader one DM at 09:00 their time", async () => {
    const usersInfoBefore = fake.callsTo("users.info").length;
    at("2027-01-01T00:30:00Z"); // 08:30 in Shanghai on Friday 1 January: not yet
    await tickBoth(); // the first tick also plans the quarter
    expect(SEVEN.every((m) => checkinDMs(m.id, "2027-Q1").length === 0)).toBe(true);
    at("2027-01-01T01:00:00Z"); // 09:00 in Shanghai
    await tickBoth();
    await tickBoth();
    for (const m of SEVEN.filter((x) => x.id !== NEW_YORK))
      expect(checkinDMs(m.id, "2027-Q1"), m.id).toHaveLength(1);
    expect(checkinDMs(NEW_YORK, "2027-Q1")).toHaveLength(0); // still 20:00 the day before in New York
    at("2027-01-01T14:00:00Z"); // 09:00 EST
    await tickBoth();
    expect(checkinDMs(NEW_YORK, "2027-Q1")).toHaveLength(1);
    // Timezones and languages came from one read of the workspace's users, shared by both
    // replicas, not from a users.info call per leader.
    expect(fake.callsTo("users.list")).toHaveLength(1);
    expect(fake.callsTo("users.info").length).toBe(usersInfoBefore);
  });

  it("names the leader's portfolio and both halves of the duty, in their language", async () => {
    const dm = dmText(member(4));
    expect(dm).toContain("Hear a report on integrity work from each department you oversee");
    expect(JSON.stringify(checkinDMs(member(4), "2027-Q1")[0]!.blocks)).toContain("finance");
    expect(JSON.stringify(checkinDMs(member(4), "2027-Q1")[0]!.blocks)).toMatch(
      /Integrity: you answer just as much/,
    );
    expect(JSON.stringify(checkinDMs(member(2), "2027-Q1")[0]!.blocks)).toMatch(/[\u4e00-\u9fff]/);
  });

  it("records Done with what, date and link; Snooze; and Can't with a reason that reaches the principal", async () => {
    const trigger = "1.2.done";
    await press(member(4), "checkin_done", "2027-Q1", trigger);
    await fake.waitForCall("views.open", (c) => c.params.trigger_id === trigger);
    const done = await b.driver.viewSubmission({
      callbackId: "checkin_done_form",
      privateMetadata: `${CHANNEL}|2027-Q1`,
      values: {
        what: { value: { type: "plain_text_input", value: "Heard reports from finance and audit." } },
        date: { value: { type: "datepicker", selected_date: "2027-01-15" } },
        link: { value: { type: "url_text_input", value: "https://docs.example.org/q1" } },
      },
      userId: member(4),
    });
    expect(done.text).toBe("");
    const trigger2 = "1.2.cannot";
    await press(member(6), "checkin_cannot", "2027-Q1", trigger2);
    await fake.waitForCall("views.open", (c) => c.params.trigger_id === trigger2);
    await b.driver.viewSubmission({
      callbackId: "checkin_cannot_form",
      privateMetadata: `${CHANNEL}|2027-Q1`,
      values: { reason: { value: { type: "plain_text_input", value: "On secondment until April." } } },
      userId: member(6),
    });
    await fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.channel === member(1) && String(c.params.text).includes("On secondment until April."),
    );
    await press(member(7), "checkin_snooze_week", "2027-Q1");
    await fake.waitForResponse((r) => JSON.stringify(r.body).includes("I'll remind you again"));
    const rows = await database.sql<{ user_id: string; status: string; answer: unknown }>(
      "SELECT user_id, status, answer FROM checkin WHERE quarter = '2027-Q1' ORDER BY user_id",
    );
    expect(rows.find((r) => r.user_id === member(4))).toMatchObject({
      status: "done",
      answer: {
        what: "Heard reports from finance and audit.",
        date: "2027-01-15",
        link: "https://docs.example.org/q1",
      },
    });
    expect(rows.find((r) => r.user_id === member(6))).toMatchObject({
      status: "cannot",
      answer: { reason: "On secondment until April." },
    });
    expect(rows.find((r) => r.user_id === member(7))?.status).toBe("snoozed");
  });

  it("reminds 7 days before the deadline only those who have not answered, then escalates who is overdue", async () => {
    at("2027-03-24T01:00:00Z"); // 09:00 Shanghai, 7 days before 31 March
    await tickBoth();
    at("2027-03-24T13:00:00Z"); // 09:00 EDT
    await tickBoth();
    const reminded = SEVEN.filter(
      (m) =>
        fake.messagesIn(m.id).some((x) => String(x.text).startsWith("Reminder")) ||
        fake.messagesIn(m.id).some((x) => String(x.text).includes("提醒")),
    ).map((m) => m.rank);
    expect(reminded.sort()).toEqual([1, 2, 3, 5, 7]);
    // Member 1 answers Done before the deadline; the others stay open.
    await b.driver.viewSubmission({
      callbackId: "checkin_done_form",
      privateMetadata: `${CHANNEL}|2027-Q1`,
      values: {
        what: { value: { type: "plain_text_input", value: "Talked to all four bureaus." } },
        date: { value: { type: "datepicker", selected_date: "2027-03-28" } },
        link: { value: { type: "url_text_input", value: null } },
      },
      userId: member(1),
    });
    at("2027-04-01T01:00:00Z"); // the morning after the deadline
    await tickBoth();
    await tickBoth();
    const escalations = fake.calls.filter(
      (c) =>
        c.method === "chat.postMessage" &&
        String(c.params.text).startsWith("Overdue duty check-ins for Q1 2027"),
    );
    expect(escalations.map((c) => c.params.channel).sort()).toEqual([member(1), DISCIPLINE].sort());
    const listed = [...String(escalations[0]!.params.text).matchAll(/• <@(\w+)>/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([member(2), member(3), member(5), member(7)].sort());
  });

  it("shows the report in the channel", async () => {
    const report = await command(member(3), "checkins 2027-Q1");
    expect(report.response_type).toBe("in_channel");
    expect(report.text).toContain("2 done · 0 snoozed · 1 can't this quarter · 0 open · 4 overdue");
  });

  it("keeps 09:00 local for New York across daylight saving time: 14:00Z in Q1, 13:00Z in Q2", async () => {
    at("2027-04-01T12:59:00Z");
    await tickBoth();
    expect(checkinDMs(NEW_YORK, "2027-Q2")).toHaveLength(0);
    at("2027-04-01T13:00:00Z");
    await tickBoth();
    expect(checkinDMs(NEW_YORK, "2027-Q2")).toHaveLength(1);
    for (const m of SEVEN) expect(checkinDMs(m.id, "2027-Q2"), m.id).toHaveLength(1);
  });

  it("catches up after downtime across the due time, and honours 429s without losing or repeating a DM", async () => {
    // Every process was down from June to mid-July: Q3 was due on Thursday 1 July.
    at("2027-07-15T03:00:00Z");
    await a.running.scheduler.tick(); // sends Q2's late reminders, then plans Q3 (due since 1 July)
    fake.rateLimit("chat.postMessage", { retryAfterSeconds: 30, times: 4 });
    await tickBoth();
    expect(fake.rateLimited.length).toBe(4);
    const waiting = SEVEN.filter((m) => checkinDMs(m.id, "2027-Q3").length === 0);
    expect(waiting).toHaveLength(4);
    // Put back until Slack's Retry-After: nothing more goes out before it...
    at("2027-07-15T03:00:20Z");
    await tickBoth();
    expect(SEVEN.filter((m) => checkinDMs(m.id, "2027-Q3").length === 0)).toHaveLength(4);
    // ...and everything after it, once.
    at("2027-07-15T03:00:31Z");
    await tickBoth();
    for (const m of SEVEN) expect(checkinDMs(m.id, "2027-Q3"), m.id).toHaveLength(1);
  }, 60_000);

  it("sends the rest once after a replica dies halfway through a quarter's DMs, including one Slack took but A never recorded", async () => {
    // Replica A gets three DMs through; Slack takes the fourth but A never hears back (killed
    // between Slack's accept and its own record); the rest hang before Slack has them.
    let calls = 0;
    let release!: () => void;
    const frozen = new Promise<void>((r) => (release = r));
    const realPost = (params: Record<string, unknown>) => fake.defaultAnswer("chat.postMessage", params);
    fake.respondTo("chat.postMessage", async (request) => {
      calls += 1;
      if (calls <= 3) return realPost(request.params);
      if (calls === 4) realPost(request.params);
      await frozen;
      return { ok: false, error: "fatal_error" };
    });
    at("2027-10-01T01:30:00Z");
    void a.running.scheduler.tick(); // never finishes: A is "dead" from here on
    // Due now: Q3's reminders (seven) and escalation (the clock jumped from July), in the budget's first slots.
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(8), { timeout: 5_000 });
    fake.respondTo("chat.postMessage", undefined);
    // A's claims run out (a minute) and B carries on.
    at("2027-10-01T01:32:00Z");
    await b.running.scheduler.tick();
    at("2027-10-01T14:00:00Z");
    await b.running.scheduler.tick();
    release();
    for (const m of SEVEN) expect(checkinDMs(m.id, "2027-Q4"), m.id).toHaveLength(1);
    for (const m of SEVEN) expect(reminders(m.id, "2027-Q3"), m.id).toHaveLength(1);
    const escalations = fake.messages.filter((m) => m.text.startsWith("Overdue duty check-ins for Q3 2027"));
    expect(escalations.map((m) => m.channel).sort()).toEqual(
      [fake.dmChannelFor(member(1)), fake.dmChannelFor(DISCIPLINE)].sort(),
    );
    // B found the message A's crashed attempt had posted (by its metadata) instead of posting it
    // again, and recorded it, so its buttons are answered as that leader's check-in.
    expect(fake.callsTo("conversations.history").length).toBeGreaterThanOrEqual(4);
    const rows = await database.sql<{ user_id: string; message_ts: string }>(
      "SELECT user_id, message_ts FROM checkin WHERE quarter = '2027-Q4'",
    );
    expect(rows).toHaveLength(7);
    for (const r of rows) expect(r.message_ts).toBe(checkinDMs(r.user_id, "2027-Q4")[0]!.ts);
    fake.assertNoViolations();
  });

  it("shows each user their open check-ins in App Home, and the principal the team's compliance", async () => {
    const home = async (user: string) => {
      await b.driver.event({
        type: "app_home_opened",
        user,
        channel: fake.dmChannelFor(user),
        tab: "home",
        event_ts: fake.nextTs(),
      });
      const published = await fake.waitForCall("views.publish", (c) => c.params.user_id === user);
      return JSON.stringify(published.params.view);
    };
    const mine = await home(member(7));
    expect(mine).toContain("Your open duty check-ins");
    expect(mine).toContain("Q4 2027");
    expect(mine).not.toContain("Duty check-ins of");
    const principal = await home(member(1));
    expect(principal).toContain(`Duty check-ins of <#${CHANNEL}>`);
    expect(principal).toContain("Duty check-ins for Q1 2027");
  });

  it("lets only an admin run a quarter by hand, and excluded members get nothing", async () => {
    expect((await command(member(3), "checkins run 2028-Q1")).text).toContain("Only a roster admin");
    expect((await command(ADMIN, `checkins exclude <@${member(6)}|member6>`)).text).toContain(
      "will get no check-ins",
    );
    const run = await command(ADMIN, "checkins run 2028-Q1");
    expect(run.text).toContain("Check-ins for Q1 2028");
    await b.running.scheduler.tick();
    expect(checkinDMs(member(6), "2028-Q1")).toHaveLength(0);
    for (const m of SEVEN.filter((x) => x.id !== member(6)))
      expect(checkinDMs(m.id, "2028-Q1"), m.id).toHaveLength(1);
  });

  it("gives up on a leader Slack says cannot get a DM (deactivated), once, and still sends everyone else theirs", async () => {
    const inactive = member(7);
    fake.respondTo("chat.postMessage", (request) =>
      request.params.channel === inactive
        ? { ok: false, error: "account_inactive" }
        : fake.defaultAnswer("chat.postMessage", request.params),
    );
    try {
      expect((await command(ADMIN, "checkins run 2028-Q2")).text).toContain("Check-ins for Q2 2028");
      await b.running.scheduler.tick();
      await b.running.scheduler.tick();
    } finally {
      fake.respondTo("chat.postMessage", undefined);
    }
    for (const m of SEVEN.filter((x) => x.id !== member(6) && x.id !== inactive))
      expect(checkinDMs(m.id, "2028-Q2"), m.id).toHaveLength(1);
    expect(
      fake.calls.filter(
        (c) =>
          c.method === "chat.postMessage" &&
          c.params.channel === inactive &&
          JSON.stringify(c.params.blocks ?? []).includes("2028-Q2"),
      ),
    ).toHaveLength(1);
    // The unit is over, not waiting to fail again every hour.
    const [job] = await database.sql<{ done_at: Date | null }>("SELECT done_at FROM job WHERE key = $1", [
      `${CHANNEL}:checkin:2028-Q2:${inactive}:send`,
    ]);
    expect(job?.done_at).not.toBeNull();
  });
});
