import { eventActor, type SessionEvent } from "../session/events.ts";
import type { LedgerContent } from "./hash.ts";

/** The ledger row for a session event: the whole event is the payload, so the ledger alone rebuilds the session. */
export function sessionEventContent(
  sessionId: string,
  seq: number,
  event: SessionEvent,
  slackRef: string | null = null,
): LedgerContent {
  return {
    sessionId,
    seq,
    type: event.type,
    actorId: eventActor(event),
    at: event.at,
    payload: event,
    slackRef,
  };
}
