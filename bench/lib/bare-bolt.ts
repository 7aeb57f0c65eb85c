/**
 * The baseline: a bare Bolt app (the same HTTP receiver Lastword uses, same signature check) whose
 * listeners only ack. No database, no logic, no Web API calls: what is left of an ack's time is
 * Bolt and Node's HTTP stack, which Lastword cannot do without.
 */
import { App, LogLevel } from "@slack/bolt";
import type { Server } from "node:http";

export interface BareBolt {
  eventsUrl: string;
  stop(): Promise<void>;
}

export async function startBareBolt(signingSecret: string, port = 0): Promise<BareBolt> {
  const app = new App({
    signingSecret,
    authorize: async () => ({ botToken: "xoxb-x", botId: "B1", botUserId: "U1" }),
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.event("message", async () => undefined); // Bolt acks an event before any listener runs
  const server = (await app.start(port)) as unknown as Server;
  const address = server.address();
  const listening = typeof address === "object" && address ? address.port : port;
  return { eventsUrl: `http://127.0.0.1:${listening}/slack/events`, stop: () => app.stop() as Promise<void> };
}
