import { formatWithOptions } from "node:util";

/**
 * One JSON line per log record, so a log collector can read it. Log fields must never carry a
 * ballot choice or a statement's text: the ledger is the record, logs are for operators.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const at = (lvl: LogLevel) => (msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }, errorsAsText));
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function errorsAsText(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

/**
 * Anything a library prints with console.* or Node prints as a process warning becomes a JSON
 * line too (node-cron printed its warnings this way), so a log collector never meets plain text.
 */
export function routeConsoleTo(
  log: Logger,
  target: Pick<Console, "log" | "info" | "debug" | "warn" | "error"> = console,
): void {
  const text = (args: unknown[]) => formatWithOptions({ colors: false }, ...args);
  target.log = (...args: unknown[]) => log.info(text(args), { source: "console" });
  target.info = (...args: unknown[]) => log.info(text(args), { source: "console" });
  target.debug = (...args: unknown[]) => log.debug(text(args), { source: "console" });
  target.warn = (...args: unknown[]) => log.warn(text(args), { source: "console" });
  target.error = (...args: unknown[]) => log.error(text(args), { source: "console" });
}

/** Node's process warnings (deprecations, too many listeners) as JSON lines instead of plain text. */
export function routeProcessWarningsTo(log: Logger): void {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => log.warn(warning.message, { source: "node", name: warning.name }));
}
