/**
 * Issue 12, item 7: seven `/lastword roster add` commands for a new channel's team, all sent at
 * once. The first ones race to create the team and every one competes for the team's lock; a
 * collision between two writers must be settled inside, never shown to a person.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../support/bot.ts";

const ADMIN = "U0ADMIN001";
const LEADERS = [1, 2, 3, 4, 5, 6, 7].map((rank) => ({ id: `U0RACE000${rank}`, rank }));
const NEW_CHANNEL = "C0NEWTEAM1";

let world: World;
beforeAll(async () => {
  world = await startWorld([
    { id: ADMIN, name: "admin", locale: "en-US" },
    ...LEADERS.map((l) => ({ id: l.id, name: `leader${l.rank}`, locale: "en-US" })),
  ]);
  world.fake.addChannel({ id: NEW_CHANNEL, name: "new-team" });
});
afterAll(() => world?.close());

describe("seven roster adds for a new channel's team, sent at the same moment", () => {
  it("adds all seven, and nobody is told something went wrong", async () => {
    const answers = await Promise.all(
      LEADERS.map(async ({ id, rank }) => {
        const sent = await world.bot.driver.command({
          command: "/lastword",
          text: `roster add <@${id}|leader${rank}> ${rank}`,
          userId: ADMIN,
          channelId: NEW_CHANNEL,
        });
        expect(sent.status).toBe(200);
        const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 20_000);
        return (answer.body as { text: string }).text;
      }),
    );
    for (const [i, text] of answers.entries()) {
      expect(text).not.toMatch(/went wrong/i);
      expect(text).toContain(`<@${LEADERS[i]!.id}> joined the team at rank ${LEADERS[i]!.rank}.`);
    }
    // Exactly one of them made the admin the team's first admin.
    expect(answers.filter((t) => t.includes("first roster admin"))).toHaveLength(1);
    const rows = await world.database.sql<{ user_id: string; rank: number }>(
      "SELECT user_id, rank FROM member WHERE channel_id = $1 ORDER BY rank",
      [NEW_CHANNEL],
    );
    expect(rows).toEqual(LEADERS.map((l) => ({ user_id: l.id, rank: l.rank })));
    expect(
      await world.database.sql("SELECT user_id FROM team_admin WHERE channel_id = $1", [NEW_CHANNEL]),
    ).toEqual([{ user_id: ADMIN }]);
  });
});
