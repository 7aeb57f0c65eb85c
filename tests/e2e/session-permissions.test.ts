import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

/*
 * Issue 12, item 3: anyone in the channel could start a session and chair it. An outsider started
 * a personnel session, marked members absent (so they could not vote), paused it and closed the
 * ballot. Each step is tried here as the attacker would, and each must be refused privately with
 * nothing recorded.
 */

let world: World;
let meeting: Meeting;
const OUTSIDER = "U0OUTSIDE1";
beforeAll(async () => {
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "en-US" })),
    { id: ADMIN, name: "chair" },
    { id: OUTSIDER, name: "outsider", locale: "en-US" },
  ]);
  meeting = new Meeting(world);
  await meeting.setUpRoster();
});
afterAll(() => world?.close());

const sessions = async () =>
  Number((await world.database.sql<{ n: string }>("SELECT count(*) AS n FROM session"))[0]!.n);

/** Chooses `action` in the header's chair menu as `userId`; returns the private answer's text. */
async function chairMenu(userId: string, action: string): Promise<string> {
  const sent = await world.bot.driver.blockAction({
    actionId: "session_chair_menu",
    value: "",
    userId,
    channelId: CHANNEL,
    messageTs: meeting.headerTs,
    triggerId: `${Date.now()}.1.${action}`,
    selectedOption: `${meeting.sessionId}|${action}`,
  });
  const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  return (answer.body as { text: string }).text;
}

const formsOpened = () => world.fake.callsTo("views.open").length;

describe("only the roster starts a session, and only a chair still on it chairs", () => {
  it("refuses an outsider's /decide, inline and by form, and records nothing", async () => {
    const personnel = `personnel <@${member(2)}> Appoint the outsider's cousin head of the audit bureau`;
    expect(await meeting.decide(OUTSIDER, personnel)).toBe(
      "Only members of this channel's leadership team may start a session. Nothing was recorded.",
    );
    const opened = formsOpened();
    expect(await meeting.decide(OUTSIDER, "")).toContain("Only members of this channel's leadership team");
    expect(formsOpened()).toBe(opened);

    const submitted = await world.bot.driver.viewSubmission({
      callbackId: "decide_start",
      privateMetadata: JSON.stringify({ channelId: CHANNEL }),
      values: {
        matter: { value: { type: "plain_text_input", value: "Appoint the outsider's cousin" } },
        category: { value: { type: "static_select", selected_option: { value: "personnel" } } },
        proposer: { value: { type: "users_select", selected_user: member(2) } },
        absent: { value: { type: "multi_users_select", selected_users: [] } },
      },
      userId: OUTSIDER,
    });
    expect(JSON.stringify(submitted.body)).toContain("Only members of this channel's leadership team");
    expect(await sessions()).toBe(0);
  });

  it("lets a member start and chair; once off the roster they can no longer mark absent, pause or close", async () => {
    await meeting.start(member(3), `personnel <@${member(2)}> Appoint a head of the audit bureau`);
    await meeting.waitForTurnCall(member(2), 0);
    // The outsider pressing the chair's controls is not the chair.
    expect(await chairMenu(OUTSIDER, "pause")).toBe(
      `Only the chair (<@${member(3)}>) or a roster admin can do that.`,
    );

    const removed = await world.bot.driver.command({
      command: "/lastword",
      text: `roster remove <@${member(3)}>`,
      userId: ADMIN,
      channelId: CHANNEL,
    });
    await world.fake.waitForResponse((r) => r.id === removed.responseUrlId);

    const gone = "You are no longer on this channel's leadership team";
    expect(JSON.stringify((await meeting.submitReason(member(3), "absent", "Not here", 0)).body)).toContain(
      gone,
    );
    expect(await chairMenu(member(3), "pause")).toContain(gone);
    expect(JSON.stringify((await meeting.submitReason(member(3), "pause", "Coffee")).body)).toContain(gone);
    expect(JSON.stringify((await meeting.submitReason(member(3), "close_vote", "Enough")).body)).toContain(
      gone,
    );
    expect(JSON.stringify((await meeting.submitReason(member(3), "cancel", "Mine")).body)).toContain(gone);
    const types = (await meeting.ledger()).map((e) => e.type);
    for (const type of ["marked_absent", "paused", "vote_closed", "cancelled"]) {
      expect(types).not.toContain(type);
    }

    // An admin still chairs it.
    await meeting.submitReason(ADMIN, "pause", "The chair has left the team");
    await meeting.waitForEntry((e) => e.type === "paused" && e.actor_id === ADMIN);
  });

  it("lets the team restrict starting to its admins", async () => {
    const sent = await world.bot.driver.command({
      command: "/lastword",
      text: "policy start admins",
      userId: ADMIN,
      channelId: CHANNEL,
    });
    const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId);
    expect(JSON.stringify(answer.body)).toContain("Only the team's roster admins may start a session.");
    const before = await sessions();
    expect(await meeting.decide(member(4), `decision <@${member(4)}> Build a bridge`)).toContain(
      "This team lets only its roster admins start a session",
    );
    expect(await sessions()).toBe(before);
    expect(await meeting.decide(ADMIN, `decision <@${member(4)}> Build a bridge`)).toContain("#2");
    world.fake.assertNoViolations();
  });
});
