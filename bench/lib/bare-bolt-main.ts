/**
 * The bare Bolt app (bare-bolt.ts) as its own process, so that it is measured the way the bot is:
 * `node --import tsx bench/lib/bare-bolt-main.ts` with SLACK_SIGNING_SECRET and PORT. Prints
 * "listening <events URL>" when ready; SIGTERM stops it.
 */
import { startBareBolt } from "./bare-bolt.ts";

const bare = await startBareBolt(process.env.SLACK_SIGNING_SECRET ?? "", Number(process.env.PORT ?? 0));
process.stdout.write(`listening ${bare.eventsUrl}\n`);
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => void bare.stop().finally(() => process.exit(0)));
