// The baseline of `npm run bench`: a bare Bolt app with the receiver Lastword uses (Bolt's HTTP
// receiver, the same signature check) whose listeners only ack. No database, no logic, no Web API
// calls: what is left of an ack's cost is Bolt and Node's HTTP stack, which Lastword cannot do
// without. Plain JavaScript, so that it runs as the compiled bot does: `node <npm start's flags>
// bench/lib/bare-bolt.mjs`, with SLACK_SIGNING_SECRET and PORT. Prints "listening <events URL>"
// when ready; SIGTERM stops it.
import bolt from "@slack/bolt";

const app = new bolt.App({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  authorize: async () => ({ botToken: "xoxb-x", botId: "B1", botUserId: "U1" }),
  logLevel: bolt.LogLevel.ERROR,
});
app.command(/.*/, async ({ ack }) => ack());
app.action(/.*/, async ({ ack }) => ack());
app.event("message", async () => undefined); // Bolt acks an event before any listener runs
const server = await app.start(Number(process.env.PORT ?? 0));
process.stdout.write(`listening http://127.0.0.1:${server.address().port}/slack/events\n`);
for (const signal of ["SIGTERM", "SIGINT"])
  process.once(signal, () => void app.stop().finally(() => process.exit(0)));
