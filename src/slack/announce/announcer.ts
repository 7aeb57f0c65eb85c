import { escapeMrkdwn } from "../mrkdwn.ts";
import type { WebClient } from "@slack/web-api";
import { randomUUID } from "node:crypto";
import type { SessionEvent } from "../../domain/session/events.ts";
import { evolve, fold } from "../../domain/session/index.ts";
import { initialState, isClosed, type SessionState } from "../../domain/session/state.ts";
import type { NamedVoteVisibility } from "../../domain/session/vote-visibility.ts";
import type { Translate } from "../../i18n/translate.ts";
import type { SessionRow } from "../../store/session-store.ts";
import type { SlackDeps } from "../deps.ts";
import { type WorkspaceClients, WorkspaceNotInstalled } from "../workspace-clients.ts";
import { channelTranslator, translatorFor } from "../locale.ts";
import { sessionHeader } from "../blocks/session-header.ts";
import { timeoutPrompt, turnCall } from "../blocks/turn-call.ts";
import { slackDate } from "../blocks/time.ts";
import { mentions } from "../blocks/mentions.ts";
import { outcomeText, voteMessage } from "../blocks/vote-message.ts";
import { minutesBlocks } from "../blocks/minutes-blocks.ts";
import { messageLink, workspaceAddress } from "../permalinks.ts";
import { HeaderRefused, postHeader, waitForHeader } from "./header-refused.ts";

const LEASE_MS = 30_000;

/** Events that show nothing in Slack: the speaker's own words are already in the thread. */
const QUIET: ReadonlySet<SessionEvent["type"]> = new Set([
  "statement",
  "statement_edited",
  "statement_deleted",
]);

export function isQuiet(events: readonly SessionEvent[]): boolean {
  return events.every((e) => QUIET.has(e.type));
}

interface Context {
  row: SessionRow;
  /** With the session's workspace's token. */
  client: WebClient;
  tr: Translate;
  timezone: string;
  threadTs: string | null;
  voteTs: string | null;
  namedVotes: NamedVoteVisibility | undefined;
}

/**
 * Shows the ledger in Slack. Every appended entry is in the outbox (session.announced_seq <
 * last_seq) until it has been posted; whichever replica claims the session posts its entries in
 * order, so a process killed after writing the ledger but before posting leaves nothing unsaid.
 */
export class Announcer {
  readonly owner = `announcer-${randomUUID()}`;
  private readonly running = new Set<Promise<unknown>>();
  private readonly draining = new Set<string>();
  /** Per session, the last entry this process showed and the state after it (bounded, see remember). */
  private readonly shown = new Map<string, { seq: number; state: SessionState }>();

  constructor(
    private readonly deps: SlackDeps,
    private readonly clients: WorkspaceClients,
  ) {}

  /** Called right after an append: post its entries now rather than at the next sweep. */
  kick(workspaceId: string, sessionId: string): void {
    this.track(this.drain({ workspaceId, sessionId }));
  }

  /** Posts whatever any session still owes Slack (after a crash, or a kick that lost a race). */
  async sweep(maxSessions = 20): Promise<number> {
    let done = 0;
    while (done < maxSessions && (await this.drain())) done++;
    return done;
  }

  /** Waits for kicked work; for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  /** A finished session shows nothing more; past 1,000 sessions the oldest is read again if it comes back. */
  private remember(key: string, seq: number, state: SessionState): void {
    this.shown.delete(key);
    if (isClosed(state)) return;
    this.shown.set(key, { seq, state });
    if (this.shown.size > 1_000) this.shown.delete(this.shown.keys().next().value!);
  }

  private track(p: Promise<unknown>): void {
    const tracked = p
      .catch((err: unknown) => this.deps.log.error("announcing failed", { err }))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** Claims one session (that one, if given) and posts its unannounced entries; false if none. */
  private async drain(only?: { workspaceId: string; sessionId: string }): Promise<boolean> {
    const first = await this.deps.sessions.claimUnannounced(this.owner, LEASE_MS, only);
    if (!first) return false;
    const key = `${first.workspaceId}/${first.id}`;
    // Our own claim can be taken again (one left behind when the database was down); a drain
    // already running in this process for the session will see the new entries itself.
    if (this.draining.has(key)) return true;
    this.draining.add(key);
    try {
      let row: SessionRow | null = first;
      while (row) {
        const { workspaceId, id }: SessionRow = row;
        try {
          await this.announce(row);
        } catch (err) {
          // Uninstalled: nothing can be posted. The claim is kept until its lease runs out, so the
          // sweep passes over the session meanwhile; a reinstall lets the entries out again.
          if (err instanceof WorkspaceNotInstalled) return true;
          // The header refused: the session waits, and posting is tried again after a pause.
          if (err instanceof HeaderRefused) {
            const pause = await waitForHeader(this.deps, row, err, new Date());
            await this.deps.sessions.postponeAnnounce(workspaceId, id, this.owner, pause);
            return true;
          }
          // Give the claim back when posting failed, so the next sweep tries again at once.
          await this.deps.sessions.releaseAnnounce(workspaceId, id, this.owner).catch(() => undefined);
          throw err;
        }
        const more = await this.deps.sessions.releaseAnnounce(workspaceId, id, this.owner);
        row = more
          ? await this.deps.sessions.claimUnannounced(this.owner, LEASE_MS, { workspaceId, sessionId: id })
          : null;
      }
    } finally {
      this.draining.delete(key);
    }
    return true;
  }

  private async announce(row: SessionRow): Promise<void> {
    const key = `${row.workspaceId}/${row.id}`;
    // Where this announcer left the session: usually exactly where the outbox starts, or a few
    // quiet statements before it. Otherwise (a new process, another replica showed some) the
    // whole ledger is read once.
    const known = this.shown.get(key);
    const from = known && known.seq <= row.announcedSeq ? known : { seq: 0, state: initialState };
    const entries = await this.deps.sessions.entriesAfter(row.workspaceId, row.id, from.seq);
    const team = await this.deps.teams.load(row);
    const ctx: Context = {
      row,
      client: await this.clients.for(row.workspaceId),
      tr: channelTranslator(this.deps, team.settings.locale),
      timezone: team.settings.timezone ?? this.deps.defaultTimezone,
      threadTs: row.threadTs,
      voteTs: row.voteTs,
      namedVotes: team.settings.rules.namedVotes,
    };
    let state = fold(
      entries.filter((e) => e.seq <= row.announcedSeq).map((e) => e.payload as SessionEvent),
      from.state,
    );
    let headerStale = false;
    for (const entry of entries.filter((e) => e.seq > row.announcedSeq)) {
      const event = entry.payload as SessionEvent;
      state = evolve(state, event);
      headerStale = (await this.show(event, state, ctx)) || headerStale;
      const stillMine = await this.deps.sessions.markAnnounced(
        row.workspaceId,
        row.id,
        this.owner,
        entry.seq,
        LEASE_MS,
      );
      if (!stillMine) {
        this.shown.delete(key);
        return; // the lease ran out and another replica carries on from here
      }
      this.remember(key, entry.seq, state);
    }
    if (headerStale && ctx.threadTs) {
      await this.slack("chat.update", () =>
        ctx.client.chat.update({
          channel: row.channelId,
          ts: ctx.threadTs!,
          ...sessionHeader(state, row.number, row.id, ctx.tr),
        }),
      );
    }
  }

  /** Posts what one event means in Slack; true when the header should be redrawn. */
  private async show(event: SessionEvent, state: SessionState, ctx: Context): Promise<boolean> {
    const { row, tr } = ctx;
    const inThread = (text: string, blocks?: unknown[]) =>
      ctx.threadTs
        ? this.slack("chat.postMessage", () =>
            ctx.client.chat.postMessage({
              channel: row.channelId,
              thread_ts: ctx.threadTs!,
              text,
              ...(blocks ? { blocks: blocks as never } : {}),
            }),
          )
        : Promise.resolve(undefined);
    switch (event.type) {
      case "started": {
        if (ctx.threadTs) return true; // already posted before a crash
        const posted = await this.slack("chat.postMessage", () =>
          postHeader(state.facts!.chairId, () =>
            ctx.client.chat.postMessage({
              channel: row.channelId,
              ...sessionHeader(state, row.number, row.id, tr),
            }),
          ),
        );
        if (posted?.ts) {
          ctx.threadTs = posted.ts;
          await this.deps.sessions.setThread(row.workspaceId, row.id, posted.ts);
        }
        return false;
      }
      case "turn_started": {
        await inThread(...callArgs(turnCall(state, state.current!, row.id, ctx.timezone, tr)));
        return true;
      }
      case "turn_reminded":
        await inThread(
          tr("session.reminder", {
            user: event.userId,
            deadline: slackDate(state.current?.deadline ?? event.at, ctx.timezone),
          }),
        );
        return false;
      case "turn_timed_out":
        await inThread(
          ...callArgs(
            timeoutPrompt(
              state.facts!.chairId,
              { userId: event.userId, index: event.turnIndex, kind: state.turns[event.turnIndex]!.kind },
              row.id,
              tr,
            ),
          ),
        );
        return false;
      case "out_of_turn":
        await this.tellOutOfTurn(event, state, ctx);
        return event.isPrincipal && state.principalSpokeOutOfTurn;
      case "skipped":
        await inThread(
          tr("session.skipped", { by: event.by, user: event.userId, reason: escapeMrkdwn(event.reason) }),
        );
        return true;
      case "marked_absent":
        await inThread(
          tr("session.markedAbsent", {
            by: event.by,
            user: event.userId,
            reason: escapeMrkdwn(event.reason),
          }),
        );
        return true;
      case "recused":
        await inThread(tr("session.recused", { user: event.userId, reason: escapeMrkdwn(event.reason) }));
        return true;
      case "paused":
        await inThread(tr("session.paused", { by: event.by, reason: escapeMrkdwn(event.reason) }));
        return true;
      case "resumed":
        await inThread(tr("session.resumed", { by: event.by }));
        if (state.vote) await this.showVote(event, state, ctx);
        return true;
      case "deferred":
        await inThread(tr("session.deferred", { by: event.by, reason: escapeMrkdwn(event.reason) }));
        return true;
      case "cancelled":
        await inThread(tr("session.cancelled", { by: event.by, reason: escapeMrkdwn(event.reason) }));
        return true;
      case "voting_opened": {
        const lines = [tr("session.votingOpened", { voters: mentions(event.eligibleVoters) })];
        if (!event.concluded) lines.push(tr("session.noConclusion"));
        await inThread(lines.join("\n"));
        if (state.vote && !state.vote.closed) {
          const posted = await inThread(
            ...callArgs(voteMessage(state, row.id, tr, ctx.namedVotes, ctx.timezone)),
          );
          if (posted?.ts) {
            ctx.voteTs = posted.ts;
            await this.deps.sessions.setVoteMessage(row.workspaceId, row.id, posted.ts);
          }
        }
        return true;
      }
      case "statement":
      case "statement_edited":
      case "statement_deleted":
      case "turn_finished":
      case "passed":
      case "principal_concluded":
        // The speaker's own words are already in the thread; the next call or the header says the rest.
        return (
          event.type !== "statement" &&
          event.type !== "statement_edited" &&
          event.type !== "statement_deleted"
        );
      default:
        return this.showVote(event, state, ctx);
    }
  }

  /** Ballots redraw the vote message; the close posts the outcome and the minutes. */
  private async showVote(event: SessionEvent, state: SessionState, ctx: Context): Promise<boolean> {
    const { row, tr } = ctx;
    if (event.type === "voters_reminded") {
      await this.remindVoters(event, state, ctx);
      return false;
    }
    // A resumed vote has a new deadline: the vote message shows it.
    if (
      event.type !== "vote_cast" &&
      event.type !== "ballot_cast" &&
      event.type !== "vote_closed" &&
      !(event.type === "resumed" && state.vote)
    )
      return false;
    if (ctx.voteTs && state.vote) {
      await this.slack("chat.update", () =>
        ctx.client.chat.update({
          channel: row.channelId,
          ts: ctx.voteTs!,
          ...voteMessage(state, row.id, tr, ctx.namedVotes, ctx.timezone),
        }),
      );
    }
    if (event.type !== "vote_closed" || !ctx.threadTs) return false;
    const receipts =
      event.ballot === "secret" ? await this.deps.sessions.receipts(row.workspaceId, row.id) : [];
    await this.slack("chat.postMessage", () =>
      ctx.client.chat.postMessage({
        channel: row.channelId,
        thread_ts: ctx.threadTs!,
        text: outcomeText(event, state, row.number, receipts, tr),
      }),
    );
    const loaded = await this.deps.sessions.load(row.workspaceId, row.id);
    const messageLink = await this.threadLinks(ctx.client, row.channelId, ctx.threadTs);
    for (const message of minutesBlocks(loaded?.events ?? [], { number: row.number, messageLink }, tr)) {
      await this.slack("chat.postMessage", () =>
        ctx.client.chat.postMessage({ channel: row.channelId, thread_ts: ctx.threadTs!, ...message }),
      );
    }
    // The minutes end with the hash of the last entry they were made from: once it is in the
    // channel, a record rewritten inside the database no longer leads to what people saw.
    const finalHash = loaded?.entries.at(-1)?.hash;
    if (finalHash) {
      await this.slack("chat.postMessage", () =>
        ctx.client.chat.postMessage({
          channel: row.channelId,
          thread_ts: ctx.threadTs!,
          text: tr("ledger.minutes.finalHash", { number: row.number, hash: finalHash }),
        }),
      );
    }
    return true;
  }

  /** Links to the thread's messages: one chat.getPermalink (of the header) gives the workspace's address. */
  private async threadLinks(
    client: WebClient,
    channelId: string,
    threadTs: string,
  ): Promise<(ts: string) => string | null> {
    const header = await this.slack("chat.getPermalink", () =>
      client.chat.getPermalink({ channel: channelId, message_ts: threadTs }),
    );
    const address = workspaceAddress(header?.permalink);
    return (ts) => (address ? messageLink(address, channelId, ts, threadTs) : null);
  }

  /**
   * Each member who had not voted gets a direct message in their own language, with the deadline
   * and a link to the thread. The entry says whom; the outbox posts it once.
   */
  private async remindVoters(
    event: Extract<SessionEvent, { type: "voters_reminded" }>,
    state: SessionState,
    ctx: Context,
  ): Promise<void> {
    const { row } = ctx;
    const link = ctx.threadTs
      ? (await this.threadLinks(ctx.client, row.channelId, ctx.threadTs))(ctx.threadTs)
      : null;
    for (const userId of event.userIds) {
      const tr = await translatorFor(this.deps, row.workspaceId, userId, ctx.tr.locale);
      const where = link
        ? tr("vote.reminderThread", { link })
        : tr("vote.reminderChannel", { channel: row.channelId });
      const text = tr(event.which === "half" ? "vote.reminderHalf" : "vote.reminderHour", {
        number: row.number,
        matter: escapeMrkdwn(oneLineShort(state.facts?.matter ?? "")),
        deadline: slackDate(event.deadline, ctx.timezone),
        where,
      });
      await this.slack("chat.postMessage", () => ctx.client.chat.postMessage({ channel: userId, text }));
    }
  }

  /** A private word to whoever replied out of turn, in their own language. */
  private async tellOutOfTurn(
    event: Extract<SessionEvent, { type: "out_of_turn" }>,
    state: SessionState,
    ctx: Context,
  ): Promise<void> {
    const tr = await translatorFor(this.deps, ctx.row.workspaceId, event.userId, ctx.tr.locale);
    const position =
      state.turns.findIndex(
        (t, i) => t.userId === event.userId && t.outcome === null && i !== state.current?.index,
      ) + 1;
    const text =
      event.reason === "paused"
        ? tr("session.outOfTurnPaused")
        : event.reason === "afterRound"
          ? tr("session.outOfTurnAfterRound")
          : event.isPrincipal
            ? tr("session.outOfTurnPrincipal")
            : position > 0
              ? tr("session.outOfTurn", { speaker: event.turnOf ?? "", position })
              : tr("session.outOfTurnNoPlace", { speaker: event.turnOf ?? "" });
    await this.slack("chat.postEphemeral", () =>
      ctx.client.chat.postEphemeral({
        channel: ctx.row.channelId,
        user: event.userId,
        text,
        ...(ctx.threadTs ? { thread_ts: ctx.threadTs } : {}),
      }),
    );
  }

  /**
   * Slack said no (ok: false) to something that will not change by asking again (the bot is not
   * in the channel, the message is gone): log it and move on rather than block the session. A
   * network failure or a 5xx throws, so the entry stays in the outbox and is tried again.
   */
  private async slack<T>(method: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === "slack_webapi_platform_error") {
        this.deps.log.warn("Slack refused a call; skipping it", {
          method,
          error: (err as { data?: { error?: string } }).data?.error,
        });
        return undefined;
      }
      throw err;
    }
  }
}

/** A matter as a reminder quotes it: one line, at most 120 characters. */
function oneLineShort(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function callArgs(message: { text: string; blocks: unknown[] }): [string, unknown[]] {
  return [message.text, message.blocks];
}
