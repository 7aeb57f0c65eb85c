import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

const NEWCOMER = "U0NEWCOMER";
const XINLAI = "U0XINLAI01";
const ORDER = [4, 7, 6, 5, 3, 2, 1].map(member);

let world: World;
let meeting: Meeting;
beforeAll(async () => {
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "en-US" })),
    { id: ADMIN, name: "chair" },
    { id: NEWCOMER, name: "newcomer", locale: "en-US" },
    { id: XINLAI, name: "xinlai", locale: "zh-CN" },
  ]);
  meeting = new Meeting(world);
  await meeting.setUpRoster();
});
afterAll(() => world?.close());

/** Opens App Home as `user` and returns the view the bot published for it, as text. */
async function home(user: string): Promise<string> {
  const before = world.fake.callsTo("views.publish").length;
  await world.bot.driver.event({
    type: "app_home_opened",
    user,
    channel: world.fake.dmChannelFor(user),
    tab: "home",
    event_ts: world.fake.nextTs(),
  });
  const published = await vi.waitFor(
    () => {
      const call = world.fake
        .callsTo("views.publish")
        .slice(before)
        .find((c) => c.params.user_id === user);
      if (!call) throw new Error(`no App Home published for ${user} yet`);
      return call;
    },
    { timeout: 10_000, interval: 20 },
  );
  return JSON.stringify(published.params.view);
}

const threadLink = () =>
  `https://[^/]+/archives/${CHANNEL}/p${meeting.headerTs.replace(".", "")}\\|Open the thread`;

describe("App Home", () => {
  it("tells someone on no team what Lastword does, how to set up a team, and where to read more", async () => {
    const view = await home(NEWCOMER);
    expect(view).toContain("Welcome to Lastword");
    expect(view).toContain("the principal speaks last");
    expect(view).toContain("/lastword roster add @name <rank>");
    expect(view).toContain("<https://lastword.example/docs|Read the guide>");
    expect(view).not.toContain("Recent decisions of your teams");
  });

  it("speaks to a reader in their own language", async () => {
    const view = await home(XINLAI);
    expect(view).toContain("欢迎使用 Lastword");
    expect(view).toContain("<https://lastword.example/docs|查看使用说明>");
  });

  it("shows a member on a team no guidance, and their turn with a link to the thread", async () => {
    await meeting.start(ADMIN, `funds <@${member(4)}> Buy two <ambulances> & a van`);
    await meeting.waitForTurnCall(member(4), 0);
    const view = await home(member(4));
    expect(view).not.toContain("Welcome to Lastword");
    // What the proposer typed is shown as text, not as Slack markup.
    expect(view).toContain(
      `<#${CHANNEL}> session #1: Buy two &lt;ambulances&gt; &amp; a van. It is your turn.`,
    );
    expect(view).toMatch(new RegExp(threadLink()));
    expect(view).toContain("No vote is waiting for you.");
    expect(view).toContain("Your teams have not decided anything yet.");
  });

  it("lists a vote waiting for a member until they have voted", async () => {
    await meeting.completeRound(ORDER);
    const waiting = await home(member(5));
    expect(waiting).toContain("Votes waiting for you");
    expect(waiting).toMatch(
      // With its deadline, as each reader's own time (<!date^…>), and a link to the thread.
      new RegExp(
        `<#${CHANNEL}> session #1: Buy two &lt;ambulances&gt; &amp; a van \\(closes <!date\\^\\d+\\^\\{date_num\\} \\{time\\}\\|[^>]+>\\) <${threadLink()}>`,
      ),
    );
    await meeting.vote(member(5), "motion", "approve");
    await meeting.waitForEntry((e) => e.type === "vote_cast" && e.actor_id === member(5));
    expect(await home(member(5))).toContain("No vote is waiting for you.");
    // Someone outside the team is never asked to vote.
    expect(await home(NEWCOMER)).not.toContain("session #1");
  });

  it("lists the team's recent decisions with their outcomes, and the principal also sees the compliance view", async () => {
    for (const rank of [1, 2, 3, 4, 6, 7]) await meeting.vote(member(rank), "motion", "approve");
    await meeting.waitForEntry((e) => e.type === "vote_closed");
    const view = await home(member(1));
    expect(view).toMatch(
      new RegExp(
        `<#${CHANNEL}> session #1: Buy two &lt;ambulances&gt; &amp; a van: \\*passed\\* <${threadLink()}>`,
      ),
    );
    expect(view).toContain(`Duty check-ins of <#${CHANNEL}>`);
    expect(await home(member(6))).not.toContain("Duty check-ins of");
    world.fake.assertNoViolations();
  });
});
