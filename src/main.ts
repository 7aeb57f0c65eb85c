import { type Config, ConfigError, loadConfig } from "./config.ts";
import { createLogger, routeConsoleTo, routeProcessWarningsTo } from "./logger.ts";

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}

const log = createLogger(config.logLevel);
// Every line on stderr is JSON: what libraries print, Node's warnings, and a crash's last words.
routeConsoleTo(log);
routeProcessWarningsTo(log);
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (err) => {
    log.error(event, { err });
    process.exit(1);
  });
}

// A stop is honoured from here on, start-up included: a SIGTERM while the embedded Postgres starts,
// migrations run or Socket Mode keeps failing to connect stops what has started, then exits.
// Lastword itself is imported only now, so that even loading it can be interrupted.
const stopRequested = new AbortController();
let running: { stop(): Promise<void> } | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info("shutting down", { signal });
    if (running) void running.stop().then(() => process.exit(0));
    else stopRequested.abort();
  });
}

const { StartAborted, startLastword } = await import("./lastword.ts");
try {
  if (config.playground) {
    // No Slack credentials: the bot runs against the local Slack, which serves the page.
    const { startPlayground } = await import("./playground/start.ts");
    const playground = await startPlayground(config, log, { signal: stopRequested.signal });
    running = playground;
    log.info("Lastword playground is open", { url: playground.url });
    process.stdout.write(`\nLastword playground: ${playground.url}\n\n`);
  } else running = await startLastword(config, log, { signal: stopRequested.signal });
} catch (err) {
  if (err instanceof StartAborted) {
    log.info("stopped during start-up");
    process.exit(0);
  }
  log.error("Lastword could not start", { err });
  process.exit(1);
}
