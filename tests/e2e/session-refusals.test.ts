import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

let world: World;
let meeting: Meeting;
const OUTSIDER = "U0OUTSIDE1";
beforeAll(async () => {
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "en-US" })),
    { id: ADMIN, name: "chair" },
    { id: OUTSIDER, name: "outsider" },
  ]);
  meeting = new Meeting(world);
});
afterAll(() => world?.close());

const sessions = async () =>
  Number((await world.database.sql<{ n: string }>("SELECT count(*) AS n FROM session"))[0]!.n);

describe("starting a session: refusals, each privately and with nothing recorded", () => {
  it("refuses a channel with no roster", async () => {
    expect(await meeting.decide(ADMIN, `decision <@${member(4)}> Build a bridge`)).toContain(
      "has no leadership team yet",
    );
  });

  it("refuses a proposer not on the roster, an unknown category, an empty matter, a missing mention", async () => {
    await meeting.setUpRoster();
    expect(await meeting.decide(ADMIN, `decision <@${OUTSIDER}> Build a bridge`)).toContain(
      `<@${OUTSIDER}> is not on this channel's team`,
    );
    expect(await meeting.decide(ADMIN, `lunch <@${member(4)}> Build a bridge`)).toContain(
      "`lunch` is not a category",
    );
    expect(await meeting.decide(ADMIN, `decision <@${member(4)}>`)).toContain("Say what the matter is");
    expect(await meeting.decide(ADMIN, "decision wang Build a bridge")).toContain(
      "Mention the member with @",
    );
    expect(await sessions()).toBe(0);
  });

  it("accepts the Chinese category names", async () => {
    expect(await meeting.decide(ADMIN, `人事 <@${member(2)}> 任命县财政局局长`)).toContain("#1");
  });

  it("opens a form for /decide alone, and shows a quorum refusal next to the absent field", async () => {
    const trigger = "13345224609.738474920.8088930838d88f008e0";
    await world.bot.driver.command({
      command: "/decide",
      text: "",
      userId: ADMIN,
      channelId: CHANNEL,
      triggerId: trigger,
    });
    const opened = await world.fake.waitForCall("views.open", (c) => c.params.trigger_id === trigger);
    expect(JSON.stringify(opened.params.view)).toContain("Absent members");
    const values = (absent: string[]) => ({
      matter: { value: { type: "plain_text_input", value: "Appoint a new head of the audit bureau" } },
      category: { value: { type: "static_select", selected_option: { value: "personnel" } } },
      proposer: { value: { type: "users_select", selected_user: member(2) } },
      absent: { value: { type: "multi_users_select", selected_users: absent } },
      ballot: { value: { type: "static_select", selected_option: null } },
      turn_minutes: { value: { type: "number_input", value: "10" } },
    });
    // Personnel needs two thirds of 7 present, i.e. 5: with 3 absent only 4 are present.
    const refused = await world.bot.driver.viewSubmission({
      callbackId: "decide_start",
      privateMetadata: JSON.stringify({ channelId: CHANNEL }),
      values: values([member(5), member(6), member(7)]),
      userId: ADMIN,
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      response_action: "errors",
      errors: {
        absent: "No quorum: 4 of 7 members are present and at least 5 are needed for this category.",
      },
    });
    expect(await sessions()).toBe(1);
    const accepted = await world.bot.driver.viewSubmission({
      callbackId: "decide_start",
      privateMetadata: JSON.stringify({ channelId: CHANNEL }),
      values: values([member(6), member(7)]),
      userId: ADMIN,
    });
    expect(accepted.text).toBe("");
    expect(await sessions()).toBe(2);
    const header = await world.fake.waitForCall("chat.postMessage", (c) =>
      String(c.params.text).includes("#2:"),
    );
    expect(JSON.stringify(header.params.blocks)).toContain(`Absent:* <@${member(6)}>, <@${member(7)}>`);
    expect(JSON.stringify(header.params.blocks)).toContain("secret ballot");
  });

  it("records a principal who proposes, and refuses it when the team forbids it", async () => {
    await meeting.start(ADMIN, `decision <@${member(1)}> Adopt the five-year plan`, 3);
    const header = world.fake.calls.find((c) => String(c.params.text).includes("#3:"))!;
    expect(JSON.stringify(header.params.blocks)).toContain("The principal is the proposer");
    const started = (await meeting.ledger())[0]!;
    expect(started.payload.proposerIsPrincipal).toBe(true);
    const sent = await world.bot.driver.command({
      command: "/lastword",
      text: "policy principal-proposes no",
      userId: ADMIN,
      channelId: CHANNEL,
    });
    expect(
      ((await world.fake.waitForResponse((r) => r.id === sent.responseUrlId)).body as { text: string }).text,
    ).toContain("may not propose");
    expect(await meeting.decide(ADMIN, `decision <@${member(1)}> Adopt the plan again`)).toContain(
      "does not let the principal",
    );
    expect(await sessions()).toBe(3);
  });

  it("tells the person privately that a command over Slack's 4,000 characters was not read, and records nothing", async () => {
    const before = await sessions();
    for (const command of ["/decide", "/lastword"]) {
      const sent = await world.bot.driver.command({
        command,
        text: `decision <@${member(2)}> ${"x".repeat(4001)}`,
        userId: ADMIN,
        channelId: CHANNEL,
      });
      expect(sent.status).toBe(200);
      const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId);
      expect((answer.body as { text: string }).text).toContain("longer than Slack allows (4000 characters)");
    }
    expect(await sessions()).toBe(before);
  });

  it("starts one session from one form, even when it is submitted again (Slack's 3 s passed and the person retried)", async () => {
    const before = await sessions();
    const submit = () =>
      world.bot.driver.viewSubmission({
        callbackId: "decide_start",
        viewId: "V0DECIDEFORM1",
        privateMetadata: JSON.stringify({ channelId: CHANNEL }),
        values: {
          matter: { value: { type: "plain_text_input", value: "Widen the river embankment" } },
          category: { value: { type: "static_select", selected_option: { value: "project" } } },
          proposer: { value: { type: "users_select", selected_user: member(3) } },
        },
        userId: ADMIN,
      });
    expect((await submit()).text).toBe("");
    expect((await submit()).text).toBe("");
    expect(await sessions()).toBe(before + 1);
  });
});
