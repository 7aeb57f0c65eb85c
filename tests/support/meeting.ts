import { expect, vi } from "vitest";
import { startFakeSlack, type FakeSlack, type RecordedCall } from "../harness/fake-slack.ts";
import { CHANNEL, type World } from "./bot.ts";

/** A roster of seven: rank 1 is the principal. IDs are long enough for Slack's own patterns. */
export const SEVEN = [1, 2, 3, 4, 5, 6, 7].map((rank) => ({
  id: `U0MEMBER0${rank}`,
  name: `member${rank}`,
  rank,
}));
export const member = (rank: number) => SEVEN[rank - 1]!.id;
export const ADMIN = "U0CHAIR001";

/** A fake Slack workspace with the decisions channel, the seven members and the chair. */
export async function fakeWorkspaceOfSeven(): Promise<FakeSlack> {
  const fake = await startFakeSlack();
  fake.addChannel({ id: CHANNEL, name: "leadership" });
  for (const m of SEVEN) fake.addUser({ id: m.id, name: m.name, locale: "en-US" });
  fake.addUser({ id: ADMIN, name: "chair" });
  return fake;
}

type Block = { type: string; elements?: Array<{ action_id?: string; value?: string }> };

/** Drives a decision session the way people do: slash command, thread replies, buttons. */
export class Meeting {
  headerTs = "";
  sessionId = "";

  constructor(readonly world: World) {}

  async setUpRoster(members = SEVEN, admin = ADMIN): Promise<void> {
    for (const m of members) {
      const sent = await this.world.bot.driver.command({
        command: "/lastword",
        text: `roster add <@${m.id}|${m.name}> ${m.rank}`,
        userId: admin,
        channelId: CHANNEL,
      });
      await this.world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
    }
  }

  /** `/decide <text>` as `user`; returns the private answer. */
  async decide(user: string, text: string): Promise<string> {
    const sent = await this.world.bot.driver.command({
      command: "/decide",
      text,
      userId: user,
      channelId: CHANNEL,
    });
    expect(sent.status).toBe(200);
    const answer = await this.world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
    return (answer.body as { text: string }).text;
  }

  /** Starts a session and waits for its header in the channel. */
  async start(user: string, text: string, number = 1): Promise<RecordedCall> {
    const answer = await this.decide(user, text);
    // "#1" in English, "第 1 号" in Chinese (a zh-CN reader, a zh-CN team's channel).
    expect(answer).toMatch(new RegExp(`#${number}\\b|第 ${number} 号`));
    const header = await this.world.fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.channel === CHANNEL &&
        !c.params.thread_ts &&
        (String(c.params.text).includes(`#${number}:`) ||
          String(c.params.text).startsWith(`第 ${number} 号`)),
      10_000,
    );
    this.headerTs = String((header.response as { ts: string }).ts);
    // The fake has the header as soon as the bot posts it; the bot writes its ts to the session
    // just after Slack answers. Replies are sent only once that is done, as a person's would be.
    this.sessionId = await vi.waitFor(
      async () => {
        const [row] = await this.world.database.sql<{ id: string }>(
          "SELECT id FROM session WHERE thread_ts = $1",
          [this.headerTs],
        );
        if (!row) throw new Error(`no session with thread ${this.headerTs} yet`);
        return row.id;
      },
      { timeout: 10_000, interval: 20 },
    );
    return header;
  }

  threadPosts(): RecordedCall[] {
    return this.world.fake.calls.filter(
      (c) => c.method === "chat.postMessage" && c.params.thread_ts === this.headerTs,
    );
  }

  /** Turn calls posted so far, in order: whom they called and the turn index on their buttons. */
  turnCalls(): Array<{ userId: string; turnIndex: number; ts: string }> {
    return this.threadPosts()
      .map((c) => ({
        call: c,
        done: (c.params.blocks as Block[] | undefined)
          ?.flatMap((b) => b.elements ?? [])
          .find((e) => e.action_id === "turn_done"),
      }))
      .filter((x) => x.done)
      .map(({ call, done }) => ({
        userId: String(call.params.text).match(/^<@(\w+)>/)![1]!,
        turnIndex: Number(done!.value!.split("|")[1]),
        ts: String((call.response as { ts: string }).ts),
      }));
  }

  async waitForTurnCall(userId: string, turnIndex: number) {
    await this.world.fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.thread_ts === this.headerTs &&
        String(c.params.text).startsWith(`<@${userId}>`) &&
        JSON.stringify(c.params.blocks ?? []).includes(`${this.sessionId}|${turnIndex}`),
      10_000,
    );
  }

  /** A reply in the session's thread, as Slack delivers it (an Events API message event). */
  async say(userId: string, text: string, options: { retryNum?: number; ts?: string } = {}) {
    const ts = options.ts ?? this.world.fake.nextTs();
    const event = this.world.bot.driver.message({
      userId,
      channelId: CHANNEL,
      text,
      threadTs: this.headerTs,
      ts,
    });
    const sent = await this.world.bot.driver.event(
      event,
      options.retryNum ? { retryNum: options.retryNum, eventId: `Ev${ts.replace(".", "")}` } : {},
    );
    expect(sent.status).toBe(200);
    return { ts, sent };
  }

  /** Submits the chair's reason form (skip, absent, pause, close, defer, cancel) as Slack delivers it. */
  async submitReason(userId: string, action: string, reason: string, turnIndex?: number) {
    return this.world.bot.driver.viewSubmission({
      callbackId: "session_reason",
      privateMetadata: JSON.stringify({
        sessionId: this.sessionId,
        action,
        userId,
        ...(turnIndex !== undefined ? { turnIndex } : {}),
      }),
      values: { reason: { value: { type: "plain_text_input", value: reason } } },
      userId,
    });
  }

  async press(
    actionId: "turn_done" | "turn_pass" | "turn_skip" | "turn_absent",
    userId: string,
    turnIndex: number,
  ) {
    const call = this.turnCalls().find((c) => c.turnIndex === turnIndex);
    return this.world.bot.driver.blockAction({
      actionId,
      value: `${this.sessionId}|${turnIndex}`,
      userId,
      channelId: CHANNEL,
      ...(call ? { messageTs: call.ts, threadTs: this.headerTs } : {}),
    });
  }

  /**
   * The speaker of turn `turnIndex` says `text` in the thread and, once it is recorded as their
   * statement, presses Done: how a proposer presents (their turn cannot be passed).
   */
  async speak(userId: string, turnIndex: number, text = "Report on the matter and a concrete proposal.") {
    await this.waitForTurnCall(userId, turnIndex);
    await this.say(userId, text);
    await this.waitForEntry(
      (e) => e.type === "statement" && e.actor_id === userId && e.payload.turnIndex === turnIndex,
    );
    const pressed = await this.press("turn_done", userId, turnIndex);
    expect(pressed.status).toBe(200);
    await this.waitForEntry((e) => e.type === "turn_finished" && e.payload.turnIndex === turnIndex);
  }

  /**
   * Takes the round to the vote: the proposer (called first) presents, everyone else called
   * passes, and the principal (called last) gives a one-line conclusion. `order` is the expected
   * speaking order as user IDs.
   */
  async completeRound(order: string[]): Promise<void> {
    for (const [index, userId] of order.entries()) {
      await this.waitForTurnCall(userId, index);
      if (index === 0) {
        await this.speak(userId, index);
      } else if (index === order.length - 1) {
        await this.say(userId, "Concluding statement.");
        await this.waitForEntry(
          (e) => e.type === "statement" && e.actor_id === userId && e.payload.turnIndex === index,
        );
        await this.press("turn_done", userId, index);
      } else {
        await this.press("turn_pass", userId, index);
      }
    }
    await this.waitForEntry((e) => e.type === "voting_opened");
  }

  /** The vote message in the thread (its latest version) and its ts. */
  async voteMessage() {
    const posted = await this.world.fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.thread_ts === this.headerTs &&
        JSON.stringify(c.params.blocks ?? []).includes("vote_controls"),
      10_000,
    );
    return { ts: String((posted.response as { ts: string }).ts), blocks: posted.params.blocks };
  }

  async vote(userId: string, questionId: string, choice: "approve" | "reject" | "abstain") {
    const { ts } = await this.voteMessage();
    return this.world.bot.driver.blockAction({
      actionId: `vote_choice_${choice}`,
      value: `${this.sessionId}|${questionId}|${choice}`,
      userId,
      channelId: CHANNEL,
      messageTs: ts,
      threadTs: this.headerTs,
    });
  }

  /** Presses "Cast my secret ballot" and submits the form; returns the form's answer. */
  async castSecret(userId: string, choices: Record<string, "approve" | "reject" | "abstain">) {
    await this.openSecretBallot(userId);
    return this.submitSecretBallot(userId, choices);
  }

  /** Presses "Cast my secret ballot" and waits for the form to open. */
  async openSecretBallot(userId: string) {
    const { ts } = await this.voteMessage();
    const trigger = `${Date.now()}.${Math.floor(Math.random() * 1e9)}.secret`;
    await this.world.bot.driver.blockAction({
      actionId: "vote_secret",
      value: this.sessionId,
      userId,
      channelId: CHANNEL,
      messageTs: ts,
      threadTs: this.headerTs,
      triggerId: trigger,
    });
    await this.world.fake.waitForCall("views.open", (c) => c.params.trigger_id === trigger, 10_000);
  }

  /** Submits the secret ballot's form (opened by openSecretBallot); returns the form's answer. */
  async submitSecretBallot(userId: string, choices: Record<string, "approve" | "reject" | "abstain">) {
    const values = Object.fromEntries(
      Object.entries(choices).map(([q, c]) => [
        `q_${q}`,
        { choice: { type: "radio_buttons", selected_option: { value: c } } },
      ]),
    );
    return this.world.bot.driver.viewSubmission({
      callbackId: "secret_ballot",
      privateMetadata: JSON.stringify({ sessionId: this.sessionId }),
      values,
      userId,
    });
  }

  /** Ledger rows of this session, in order. */
  async ledger(): Promise<
    Array<{ seq: number; type: string; actor_id: string | null; payload: Record<string, unknown> }>
  > {
    return this.world.database.sql(
      "SELECT seq, type, actor_id, payload FROM ledger_entry WHERE session_id = $1 ORDER BY seq",
      [this.sessionId],
    );
  }

  /** Waits until the ledger holds an entry matching `predicate`. */
  async waitForEntry(
    predicate: (e: { type: string; actor_id: string | null; payload: Record<string, unknown> }) => boolean,
    timeoutMs = 10_000,
  ) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const found = (await this.ledger()).find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(
      `no matching ledger entry within ${timeoutMs} ms; have: ${(await this.ledger()).map((e) => e.type).join(", ")}`,
    );
  }
}
