import type { App, ReceiverEvent } from "@slack/bolt";
import type { SlackDeps } from "../deps.ts";
import { storableBody } from "../well-formed.ts";
import { recordReply, sessionReply } from "./thread-messages.ts";

/**
 * Bolt answers an Events API delivery before any listener runs, so a reply whose handling then
 * fails would be lost: Slack got its 200 and will not send it again. Replies in a session's
 * thread are therefore written to the inbox first; only then does Bolt answer. If even that write
 * fails, Slack gets an error and delivers the reply again later.
 */
export function keepSessionRepliesBeforeAck(app: App, deps: SlackDeps): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    // Before anything reads it: what cannot be stored must not turn a statement into a 500 loop.
    event.body = storableBody(event.body);
    const delivery = sessionReply(event.body);
    if (delivery)
      await deps.inbox.keepIfSessionReply(
        delivery.workspaceId,
        delivery.eventId,
        delivery.channel,
        delivery.threadTs,
        event.body,
      );
    return processEvent(event);
  };
}

/** Records replies whose first handling did not finish (the process died, the database blinked). */
export async function sweepInbox(deps: SlackDeps, olderThanMs = 10_000): Promise<number> {
  const rows = await deps.inbox.stale(olderThanMs, 100);
  for (const row of rows) {
    const delivery = sessionReply(row.body);
    if (delivery) await recordReply(deps, delivery);
    else await deps.inbox.done(row.workspaceId, row.eventId);
  }
  return rows.length;
}
