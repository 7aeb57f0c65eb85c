import { type Config, ConfigError, loadConfig } from "./config.ts";
import { startLastword } from "./lastword.ts";
import { createLogger } from "./logger.ts";

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}

const log = createLogger(config.logLevel);
try {
  const running = await startLastword(config, log);
  // Stop in order: Slack, the scheduler, the announcer, then the database.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log.info("shutting down", { signal });
      void running.stop().then(() => process.exit(0));
    });
  }
} catch (err) {
  log.error("Lastword could not start", { err });
  process.exit(1);
}
