import type { App, ReceiverEvent } from "@slack/bolt";
import { chairResume } from "../actions/chair-menu.ts";
import { turnPress } from "../actions/turn-buttons.ts";
import { namedVote } from "../actions/vote-buttons.ts";
import { inlineDecide } from "../commands/decide/index.ts";
import type { SlackDeps } from "../deps.ts";
import { recordReply, sessionReply } from "../events/thread-messages.ts";
import { storableBody } from "../well-formed.ts";
import type { Answer, Durable, KeptDelivery } from "./durable.ts";

/** A kept delivery read from a body, with the one way to record it. */
interface Recognised {
  delivery: KeptDelivery;
  record: (deps: SlackDeps, answer: Answer) => Promise<void>;
}

function recogniser<D extends KeptDelivery>(durable: Durable<D>): (body: unknown) => Recognised | undefined {
  return (body) => {
    const delivery = durable.recognise(body);
    return delivery && { delivery, record: (deps, answer) => durable.record(deps, delivery, answer) };
  };
}

/**
 * Everything that changes a session when Slack delivers it, besides thread replies: Done, Pass, a
 * named vote, Resume, and `/decide` with its arguments. (Forms are answered only after their work
 * is recorded, and the other buttons only open a form, so nothing of theirs can be lost.)
 */
const DURABLE = [
  recogniser(turnPress),
  recogniser(namedVote),
  recogniser(chairResume),
  recogniser(inlineDecide),
];

/** The press or command in a request's body that is kept before the ack; undefined for anything else. */
export function keptDelivery(body: unknown): Recognised | undefined {
  for (const recognise of DURABLE) {
    const recognised = recognise(body);
    if (recognised) return recognised;
  }
  return undefined;
}

/**
 * Bolt answers Slack before a listener's work is done (an Events API delivery before any listener
 * runs; a press or a command at the listener's ack()), so work that then fails would be lost:
 * Slack got its answer and will not send it again. What changes a session is therefore written to
 * the inbox first, in one statement; only then does Bolt answer. If even that write fails, Slack
 * gets an error (a reply is delivered again later; a person sees the press or command fail).
 */
export function keepBeforeAck(app: App, deps: SlackDeps): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    // Before anything reads it: what cannot be stored must not turn a statement into a 500 loop.
    event.body = storableBody(event.body);
    const reply = sessionReply(event.body);
    if (reply) {
      await deps.inbox.keepIfSessionReply(
        reply.workspaceId,
        reply.eventId,
        reply.channel,
        reply.threadTs,
        event.body,
      );
    } else {
      const kept = keptDelivery(event.body);
      if (kept) await deps.inbox.keep(kept.delivery.workspaceId, kept.delivery.deliveryId, event.body);
    }
    return processEvent(event);
  };
}

/**
 * Records what was kept but whose first handling did not finish (the process died, the database
 * blinked), on whichever replica runs it. A press or command refused by now (the turn moved on)
 * is answered privately by ephemeral message or DM, since its response_url may be long gone.
 */
export async function sweepInbox(deps: SlackDeps, olderThanMs = 10_000): Promise<number> {
  const rows = await deps.inbox.stale(olderThanMs, 100);
  for (const row of rows) {
    try {
      const reply = sessionReply(row.body);
      const kept = reply ? undefined : keptDelivery(row.body);
      if (reply) await recordReply(deps, reply);
      else if (kept) {
        const { delivery } = kept;
        await kept.record(deps, (text) => deps.notices.tell(delivery.workspaceId, delivery.sender, text));
        await deps.inbox.done(row.workspaceId, row.eventId);
      } else await deps.inbox.done(row.workspaceId, row.eventId);
    } catch (err) {
      // Left in the inbox for the next sweep; the others are not held up by it.
      deps.log.warn("a kept delivery could not be recorded yet", { eventId: row.eventId, err });
    }
  }
  return rows.length;
}
