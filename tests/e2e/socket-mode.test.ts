import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeSlack } from "../harness/fake-slack.ts";
import { FakeSocketMode } from "../harness/fake-socket-mode.ts";
import { CHANNEL, startTestBot, type TestBot } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, SEVEN, fakeWorkspaceOfSeven, member } from "../support/meeting.ts";

// Lastword with SLACK_APP_TOKEN set: Slack's requests arrive over Socket Mode's WebSocket instead
// of signed HTTP requests, and the bot acknowledges each envelope on the socket.
let fake: FakeSlack;
let socket: FakeSocketMode;
let database: TestDatabase;
let bot: TestBot;

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  socket = FakeSocketMode.attach(fake);
  database = await createTestDatabase();
  bot = await startTestBot(fake, database.url, {
    SLACK_APP_TOKEN: "xapp-1-A0LASTWORD-1-socketmode",
    SLACK_SIGNING_SECRET: "",
  });
  await socket.whenConnected();
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await socket?.close();
  await database?.drop();
  await fake?.close();
});

/** A slash command as Socket Mode carries it (the same fields as the HTTP form, as JSON). */
async function command(userId: string, name: "/lastword" | "/decide", text: string) {
  const { body, responseUrlId } = bot.driver.commandBody({ command: name, text, userId, channelId: CHANNEL });
  const ack = await socket.send("slash_commands", Object.fromEntries(new URLSearchParams(body)));
  const answer = await fake.waitForResponse((r) => r.id === responseUrlId, 10_000);
  return { ack, text: (answer.body as { text: string }).text };
}

describe("Socket Mode", () => {
  it("connects with the app-level token through apps.connections.open", () => {
    expect(socket.tokens).toEqual(["xapp-1-A0LASTWORD-1-socketmode"]);
  });

  it("acknowledges a slash command on the socket at once and answers it on its response_url", async () => {
    const { ack, text } = await command(
      ADMIN,
      "/lastword",
      `roster add <@${member(1)}|${SEVEN[0]!.name}> 1 Secretary`,
    );
    expect(ack.ms).toBeLessThan(3_000);
    expect(text).toContain(`<@${member(1)}>`);
    const rows = await database.sql<{ user_id: string; rank: number }>("SELECT user_id, rank FROM member");
    expect(rows).toEqual([{ user_id: member(1), rank: 1 }]);
  });

  it("runs a session: /decide over the socket, and a thread reply delivered as an Events API envelope is the proposer's statement", async () => {
    for (const m of SEVEN.slice(1))
      await command(ADMIN, "/lastword", `roster add <@${m.id}|${m.name}> ${m.rank}`);
    const started = await command(
      ADMIN,
      "/decide",
      `decision <@${member(4)}> Open a second clinic in the east district`,
    );
    expect(started.text).toContain("#1");
    const header = await fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.channel === CHANNEL && !c.params.thread_ts,
      10_000,
    );
    const headerTs = String((header.response as { ts: string }).ts);
    const reply = bot.driver.envelope(
      bot.driver.message({
        userId: member(4),
        channelId: CHANNEL,
        text: "The east district has no clinic within 20 km.",
        threadTs: headerTs,
      }),
    );
    const ack = await socket.send("events_api", reply);
    expect(ack.ms).toBeLessThan(3_000);
    // Kept before the ack, recorded after it: the statement is in the ledger, the inbox is empty again.
    await expect
      .poll(
        async () =>
          (
            await database.sql<{ actor_id: string }>(
              "SELECT actor_id FROM ledger_entry WHERE type = 'statement'",
            )
          ).map((r) => r.actor_id),
        { timeout: 10_000 },
      )
      .toEqual([member(4)]);
    await expect
      .poll(async () => (await database.sql("SELECT 1 FROM inbox_event")).length, { timeout: 10_000 })
      .toBe(0);
    fake.assertNoViolations();
  });
});

describe("readiness in Socket Mode", () => {
  it("answers /readyz 200 while the socket is connected, 503 while it is down, and 200 again once it reconnects", async () => {
    const ready = async () => {
      const res = await fetch(`http://127.0.0.1:${bot.running.port}/readyz`);
      return `${res.status} ${await res.text()}`;
    };
    expect(await ready()).toBe("200 ready");
    const opened = socket.tokens.length;
    socket.dropConnections();
    await expect.poll(ready, { timeout: 10_000 }).toBe("503 Socket Mode not connected");
    // The client reconnects on its own: a new apps.connections.open, a new socket, ready again.
    await expect.poll(ready, { timeout: 30_000 }).toBe("200 ready");
    expect(socket.tokens.length).toBe(opened + 1);
    expect(bot.logLines.filter((l) => l.includes('"msg":"Socket Mode connected"')).length).toBe(2);
  }, 60_000);
});
