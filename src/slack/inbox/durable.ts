import type { RespondFn } from "@slack/bolt";
import type { SlackDeps } from "../deps.ts";

/** Where someone acted, so that a private answer can find them after the request is gone. */
export interface Sender {
  userId: string;
  channelId: string;
  threadTs?: string;
}

/** A press or a command that changes a session, as read from Slack's body. */
export interface KeptDelivery {
  workspaceId: string;
  /**
   * This one press or command however often it is handled: its inbox row's key, and the ledger's
   * dedupe key, so that the listener and the sweep (or two sweeps) record it once.
   */
  deliveryId: string;
  sender: Sender;
}

/** Says something privately to whoever sent the delivery. */
export type Answer = (text: string) => Promise<void>;

/**
 * Something Slack sends that changes a session. It is written to the inbox before Slack is
 * answered; the listener records it after the ack, and when that never finishes (the process was
 * killed, the database failed) the inbox's sweep records it, on whichever replica is alive.
 */
export interface Durable<D extends KeptDelivery> {
  /** The delivery in a request's body, undefined for anything else. It runs before the ack: no I/O. */
  recognise(body: unknown): D | undefined;
  /** Records it and says privately what the listener says: a refusal, a confirmation. */
  record(deps: SlackDeps, delivery: D, answer: Answer): Promise<void>;
}

/** Records a delivery the inbox kept, then lets the inbox forget it; a failure leaves it for the sweep. */
export async function recordKept<D extends KeptDelivery>(
  deps: SlackDeps,
  durable: Durable<D>,
  delivery: D,
  answer: Answer,
): Promise<void> {
  await durable.record(deps, delivery, answer);
  await deps.inbox.done(delivery.workspaceId, delivery.deliveryId);
}

/** A private answer through the request's response_url (Bolt's respond). */
export function answerWith(respond: RespondFn): Answer {
  return async (text) => {
    await respond({ response_type: "ephemeral", replace_original: false, text });
  };
}
