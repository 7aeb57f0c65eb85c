/**
 * kill -9 of the bot's process while Slack's requests are in flight, then a new process on the
 * same database: the session goes on from exactly where the ledger says it is.
 *
 * One personnel session (secret ballot) is killed twice: once mid-round, with a burst of thread
 * replies and button presses under way, and once mid-vote, with a burst of ballot submissions.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import type { Totals } from "../../src/domain/session/types.ts";
import { openBallots } from "../../src/seal/ballots.ts";
import { receiptHash } from "../../src/usecases/vote.ts";
import { freePort } from "../../src/store/embedded-postgres.ts";
import type { FakeSlack } from "../harness/fake-slack.ts";
import type { SlackDriver } from "../harness/signed-requests.ts";
import { CHANNEL } from "../support/bot.ts";
import { ballotKeyFor, createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, Meeting, member, SEVEN, fakeWorkspaceOfSeven } from "../support/meeting.ts";
import {
  BotProcess,
  botEnv,
  checkIntegrity,
  driverFor,
  eventually,
  finishRound,
  halfWrittenSessions,
  replyEvent,
  sleep,
  statementsPerTs,
  track,
  turnEnds,
  worldOf,
  type Sent,
} from "./support.ts";

let fake: FakeSlack;
let database: TestDatabase;
let port: number;
let bot: BotProcess;
let driver: SlackDriver;
let meeting: Meeting;

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  database = await createTestDatabase();
  port = await freePort();
  bot = await BotProcess.start(botEnv(fake, database.url), port);
  driver = driverFor(fake, port);
  meeting = new Meeting(worldOf(fake, database, driver));
  await meeting.setUpRoster();
}, 90_000);

// A failure says what the bot's process said (its warnings and errors).
beforeEach(() =>
  onTestFailed(() => console.error(`bot output (last 4000 characters):\n${bot.output.slice(-4000)}`)),
);

afterAll(async () => {
  await BotProcess.stopAll();
  await database?.drop();
  await fake?.close();
});

/**
 * Slack answering chat.postMessage and chat.update slowly, so that the outbox is behind the
 * ledger when the kill comes: entries are committed but not yet shown, and the next process must
 * show them.
 */
function slowSlack(ms: number): void {
  for (const method of ["chat.postMessage", "chat.update"]) {
    fake.respondTo(method, async (request) => {
      await sleep(ms);
      return fake.defaultAnswer(method, request.params);
    });
  }
}

function fastSlack(): void {
  fake.respondTo("chat.postMessage", undefined);
  fake.respondTo("chat.update", undefined);
}

/**
 * Sends the planned requests one every `gapMs` without waiting for answers, and kills the process
 * with SIGKILL as soon as `killWhen` holds (polled every few milliseconds: a state of the ledger
 * that the burst reaches), or when the plan has run out. Some requests are then answered, some in
 * flight and some find no process. Returns what each got.
 */
async function burstAndKill<T>(
  plan: Array<() => Promise<Sent<T>>>,
  gapMs: number,
  killWhen: () => Promise<boolean>,
) {
  let killed = false;
  let kill: Promise<void> | undefined;
  const killNow = () => {
    if (!killed) {
      killed = true;
      kill = bot.kill9();
    }
  };
  const sent: Array<Promise<Sent<T> | undefined>> = plan.map(
    (request, i) =>
      new Promise((resolve) =>
        setTimeout(() => {
          if (killed) return resolve(undefined); // never sent: the process is gone
          void request().then(resolve);
        }, i * gapMs),
      ),
  );
  const fallback = Date.now() + plan.length * gapMs + 2_000;
  while (!killed) {
    if ((await killWhen().catch(() => false)) || Date.now() > fallback) killNow();
    else await sleep(3);
  }
  const results = (await Promise.all(sent)).filter((r): r is Sent<T> => r !== undefined);
  await kill;
  return results;
}

async function restart(): Promise<number> {
  const callsBefore = fake.calls.length;
  bot = await BotProcess.start(botEnv(fake, database.url), port);
  return callsBefore;
}

const inboxCount = async () =>
  Number((await database.sql<{ n: string }>("SELECT count(*) AS n FROM inbox_event"))[0]!.n);

/** Waits until the new process has recorded every kept reply and shown every entry. */
async function settled(sessionId: string, timeoutMs = 50_000) {
  return eventually(
    "inbox drained and outbox empty",
    async () => {
      const [row] = await database.sql<{ last_seq: number; announced_seq: number }>(
        "SELECT last_seq, announced_seq FROM session WHERE id = $1",
        [sessionId],
      );
      return (await inboxCount()) === 0 && row!.announced_seq === row!.last_seq;
    },
    timeoutMs,
    200,
  );
}

type Request =
  | { kind: "reply"; userId: string; ts: string; eventId: string }
  | { kind: "press"; action: string; userId: string; turnIndex: number };

describe("kill -9 of the bot's process", () => {
  const ORDER = [2, 7, 6, 5, 4, 3, 1].map(member);

  it("mid-round: every acked reply is recorded once, no turn ends twice, the chain verifies, and the new process posts what the old one had not", async () => {
    await meeting.start(ADMIN, `personnel <@${member(2)}> Appoint the head of the audit bureau`);
    await meeting.speak(ORDER[0]!, 0);
    await meeting.waitForTurnCall(ORDER[1]!, 1);
    slowSlack(300);

    // Member 7 speaks in many messages and presses Done (twice: an impatient double click);
    // others talk out of turn; the next two speakers press before and after their turn starts.
    const reply = (userId: string, text: string) => () => {
      const r = replyEvent(driver, fake, meeting.headerTs, userId, text);
      return track<Request>({ kind: "reply", userId, ts: r.ts, eventId: r.eventId }, () =>
        driver.event(r.event, { eventId: r.eventId }),
      );
    };
    const press = (action: "turn_done" | "turn_pass", userId: string, turnIndex: number) => () =>
      track<Request>({ kind: "press", action, userId, turnIndex }, () =>
        meeting.press(action, userId, turnIndex),
      );
    const plan = [
      ...Array.from({ length: 8 }, (_, i) => reply(member(7), `Point ${i + 1} of my statement.`)),
      reply(member(3), "May I add something?"),
      press("turn_done", member(7), 1),
      press("turn_done", member(7), 1),
      reply(member(6), "My turn now, I think."),
      press("turn_done", member(6), 2),
      press("turn_pass", member(6), 2),
      press("turn_pass", member(5), 3),
      reply(member(7), "One more thing."),
      press("turn_pass", member(4), 4),
      reply(member(4), "Nothing to add."),
      press("turn_pass", member(5), 3),
      ...Array.from({ length: 16 }, (_, i) => reply(member(i % 2 ? 3 : 4), `Aside ${i + 1}`)),
    ];
    // The kill comes as soon as member 7's turn has ended in the database: the next call is then
    // committed but, Slack being slow, not yet shown, and the rest of the burst is in flight.
    const turnOneEnded = async () =>
      (
        await database.sql(
          "SELECT 1 FROM ledger_entry WHERE session_id = $1 AND type = 'turn_started' AND payload->>'turnIndex' = '2'",
          [meeting.sessionId],
        )
      ).length > 0;
    const results = await burstAndKill(plan, 10, turnOneEnded);
    expect(bot.alive).toBe(false);

    // Right after the kill, before anything runs again, nothing is half written.
    const atKill = await checkIntegrity(database.sql, meeting.sessionId, "at the kill");
    expect(await halfWrittenSessions(database.sql)).toEqual([]);
    const keptAtKill = await inboxCount();

    fastSlack();
    const callsBefore = await restart();
    await settled(meeting.sessionId);
    const after = await checkIntegrity(database.sql, meeting.sessionId, "after the restart");

    // Every reply Slack got a 200 for is in the ledger exactly once; any other at most once.
    const acked = results.filter((r) => r.what.kind === "reply" && r.status === 200);
    expect(acked.length).toBeGreaterThan(0);
    for (const r of results) {
      const what = r.what;
      if (what.kind !== "reply") continue;
      const n = after.entries.filter((e) => e.dedupeKey === `msg:${CHANNEL}:${what.ts}`).length;
      if (r.status === 200) expect(n, `reply ${what.ts} acked`).toBe(1);
      else expect(n, `reply ${what.ts} (${r.status ?? r.error})`).toBeLessThanOrEqual(1);
    }
    for (const [ts, n] of statementsPerTs(after.events)) expect(n, `message ${ts}`).toBe(1);
    // No turn ended twice; every press is in the ledger at most once (a press is acked before it
    // is recorded, so one acked just before the kill may be lost: the speaker presses again).
    for (const [index, n] of turnEnds(after.events)) expect(n, `turn ${index}`).toBe(1);
    // What the old process had committed is all still there, unchanged, at the head of the ledger.
    expect(after.entries.slice(0, atKill.entries.length).map((e) => e.hash)).toEqual(
      atKill.entries.map((e) => e.hash),
    );

    // The outbox: every turn the ledger started was called in the thread; those the old process
    // had not shown were posted by the new one.
    const started = after.entries.filter((e) => e.type === "turn_started");
    for (const e of started) {
      const { userId, turnIndex } = e.payload as { userId: string; turnIndex: number };
      await meeting.waitForTurnCall(userId, turnIndex);
    }
    const unshown = started.filter((e) => e.seq > atKill.row.announced_seq);
    for (const e of unshown) {
      const index = (e.payload as { turnIndex: number }).turnIndex;
      const posted = fake.calls
        .slice(callsBefore)
        .some(
          (c) =>
            c.method === "chat.postMessage" &&
            JSON.stringify(c.params.blocks ?? []).includes(`${meeting.sessionId}|${index}`),
        );
      expect(posted, `turn ${index} called by the new process`).toBe(true);
    }
    // Each turn is called at most twice (once more if the old process posted it but died before
    // marking it shown: the outbox delivers at least once).
    for (const e of started) {
      const index = (e.payload as { turnIndex: number }).turnIndex;
      expect(
        meeting.turnCalls().filter((c) => c.turnIndex === index).length,
        `calls of turn ${index}`,
      ).toBeLessThanOrEqual(2);
    }
    console.info(
      `[kill mid-round] ${results.length}/${plan.length} sent, ${results.filter((r) => r.status === 200).length} acked, ` +
        `${results.filter((r) => r.status === undefined).length} cut; at the kill: ${atKill.entries.length} entries, ` +
        `${atKill.row.last_seq - atKill.row.announced_seq} unshown, ${keptAtKill} replies in the inbox; after: ${after.entries.length} entries, ` +
        `${unshown.length} turn calls posted by the new process`,
    );

    // The session carries on from where the ledger is, to the vote.
    await finishRound(meeting, database.sql);
    await meeting.waitForEntry((e) => e.type === "voting_opened");
    await checkIntegrity(database.sql, meeting.sessionId);
  }, 120_000);

  it("mid-vote (secret ballot): every ballot answered with a receipt is counted once, and the box's totals equal the ballot_cast entries", async () => {
    await meeting.voteMessage();
    const CHOICE: Record<string, "approve" | "reject" | "abstain"> = {
      [member(1)]: "approve",
      [member(2)]: "approve",
      [member(3)]: "reject",
      [member(4)]: "approve",
      [member(5)]: "abstain",
      [member(6)]: "reject",
      [member(7)]: "approve",
    };
    const submit = (userId: string) => () =>
      track({ userId }, () =>
        driver.viewSubmission({
          callbackId: "secret_ballot",
          privateMetadata: JSON.stringify({ sessionId: meeting.sessionId }),
          values: {
            q_motion: { choice: { type: "radio_buttons", selected_option: { value: CHOICE[userId]! } } },
          },
          userId,
        }),
      );
    // Five voters submit at once, member 7 twice (the form submitted from two windows).
    const voters = [7, 6, 7, 5, 4, 3].map(member);
    slowSlack(300);
    const ballotIn = async () =>
      (
        await database.sql("SELECT 1 FROM ledger_entry WHERE session_id = $1 AND type = 'ballot_cast'", [
          meeting.sessionId,
        ])
      ).length > 0;
    const results = await burstAndKill(voters.map(submit), 12, ballotIn);
    expect(bot.alive).toBe(false);
    const atKill = await checkIntegrity(database.sql, meeting.sessionId, "at the kill");
    expect(await halfWrittenSessions(database.sql)).toEqual([]);

    fastSlack();
    await restart();
    await settled(meeting.sessionId);
    const after = await checkIntegrity(database.sql, meeting.sessionId, "after the restart");

    const cast = after.entries.filter((e) => e.type === "ballot_cast").map((e) => e.actorId!);
    expect(new Set(cast).size, "one ballot per voter").toBe(cast.length);
    const receipts = new Map<string, string>();
    for (const r of results) {
      const code = JSON.stringify(r.response?.body ?? "").match(/receipt code is \*([0-9A-Z-]+)\*/)?.[1];
      if (code) receipts.set(r.what.userId, code);
      // A receipt is only given for a ballot that is in the box; a refusal only for one that is not new.
      if (r.status === 200 && !code)
        expect(r.response?.body, `refusal for ${r.what.userId}`).toMatchObject({ response_action: "errors" });
    }
    for (const [userId, code] of receipts) {
      expect(
        cast.filter((u) => u === userId),
        `${userId} has a receipt`,
      ).toHaveLength(1);
      expect((await ballotsNow()).receipts, `${userId}'s receipt is among the ballots`).toContain(
        receiptHash(meeting.sessionId, code),
      );
    }
    await expectBoxMatches(cast, CHOICE);
    console.info(
      `[kill mid-vote] ${results.length}/${voters.length} sent, ${receipts.size} receipts, ${results.filter((r) => r.status === undefined).length} cut; ` +
        `ballots at the kill ${atKill.entries.filter((e) => e.type === "ballot_cast").length}, after ${cast.length}`,
    );

    // The vote goes on where it was: the others cast their ballots and it closes by itself.
    for (const m of SEVEN) {
      if (cast.includes(m.id)) continue;
      const answer = await meeting.castSecret(m.id, { motion: CHOICE[m.id]! });
      expect(JSON.stringify(answer.body)).toContain("receipt code is");
    }
    const closed = await meeting.waitForEntry((e) => e.type === "vote_closed", 15_000);
    const final = await checkIntegrity(database.sql, meeting.sessionId, "closed");
    const allCast = final.entries.filter((e) => e.type === "ballot_cast").map((e) => e.actorId!);
    expect(allCast.sort()).toEqual(SEVEN.map((m) => m.id).sort());
    await expectBoxMatches(allCast, CHOICE);
    expect(closed.payload).toMatchObject({
      ballot: "secret",
      results: [{ questionId: "motion", approve: 4, reject: 2, abstain: 1 }],
    });
    await fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.thread_ts === meeting.headerTs &&
        String(c.params.text).includes("Receipt hashes of the 7 secret ballots"),
      15_000,
    );
    expect(
      (await database.sql("SELECT * FROM ballot_receipt WHERE session_id = $1", [meeting.sessionId])).length,
    ).toBe(7);
  }, 120_000);
});

/**
 * The ballots in the database are exactly those of the voters the ledger says have voted: while
 * the vote is open, the sealed ballots opened with the bot's ballot key (as the close opens them);
 * after it, the closing totals and the receipts written with them.
 */
async function expectBoxMatches(voters: string[], choice: Record<string, "approve" | "reject" | "abstain">) {
  const expected = { approve: 0, reject: 0, abstain: 0 };
  for (const v of voters) expected[choice[v]!] += 1;
  const { totals, receipts } = await ballotsNow();
  expect(totals.approve + totals.reject + totals.abstain, "ballots vs ballot_cast entries").toBe(
    voters.length,
  );
  expect(totals).toEqual(expected);
  expect(receipts.length, "receipts vs ballot_cast entries").toBe(voters.length);
}

async function ballotsNow(): Promise<{ totals: Totals; receipts: string[] }> {
  const id = meeting.sessionId;
  const closed = (await meeting.ledger()).find((e) => e.type === "vote_closed");
  if (closed) {
    const { approve, reject, abstain } = (closed.payload as { results: Totals[] }).results[0]!;
    const rows = await database.sql<{ receipt_hash: string }>(
      "SELECT receipt_hash FROM ballot_receipt WHERE session_id = $1",
      [id],
    );
    return { totals: { approve, reject, abstain }, receipts: rows.map((r) => r.receipt_hash) };
  }
  const [seal] = await database.sql<{
    workspace_id: string;
    public_key: Buffer;
    wrapped_private_key: Buffer;
  }>("SELECT workspace_id, public_key, wrapped_private_key FROM ballot_seal WHERE session_id = $1", [id]);
  if (!seal) return { totals: { approve: 0, reject: 0, abstain: 0 }, receipts: [] };
  const sealed = await database.sql<{ sealed: Buffer }>(
    "SELECT sealed FROM sealed_ballot WHERE session_id = $1",
    [id],
  );
  const opened = openBallots(
    Buffer.from(ballotKeyFor(database.url), "base64"),
    { publicKey: seal.public_key, wrappedPrivateKey: seal.wrapped_private_key },
    sealed.map((r) => r.sealed),
    seal.workspace_id,
    id,
  );
  return {
    totals: opened.totals.motion ?? { approve: 0, reject: 0, abstain: 0 },
    receipts: opened.receiptHashes,
  };
}
