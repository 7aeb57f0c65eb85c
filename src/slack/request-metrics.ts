import type { App, ReceiverEvent } from "@slack/bolt";
import { performance } from "node:perf_hooks";
import type { Metrics, RequestKind } from "../metrics/metrics.ts";

/**
 * Counts every request Slack sends and times it from arrival to acknowledgement, whichever
 * receiver brought it (HTTP or Socket Mode). Installed last, so it wraps everything that runs
 * before the ack (the inbox's write included).
 */
export function measureRequests(app: App, metrics: Metrics): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const kind = requestKind(event.body);
    const arrived = performance.now();
    metrics.requests.inc({ kind });
    const ack = event.ack;
    let acked = false;
    return processEvent({
      ...event,
      ack: (response) => {
        if (!acked) metrics.ackSeconds.observe({ kind }, (performance.now() - arrived) / 1000);
        acked = true;
        return ack(response);
      },
    });
  };
}

export function requestKind(body: Record<string, unknown>): RequestKind {
  if (typeof body.command === "string") return "command";
  switch (body.type) {
    case "event_callback":
      return "event";
    case "block_actions":
    case "interactive_message":
    case "shortcut":
    case "message_action":
      return "action";
    case "view_submission":
    case "view_closed":
      return "view";
    case "block_suggestion":
      return "options";
    default:
      return "other";
  }
}
