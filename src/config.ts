import { randomBytes } from "node:crypto";
import { z } from "zod";
import { SUPPORTED_LOCALES } from "./i18n/locales.ts";
import { parseBallotKey } from "./seal/ballot-key.ts";

const optional = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const timezone = z
  .string()
  .refine(isTimeZone, { message: "expected an IANA timezone such as Asia/Shanghai or UTC" });

const schema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ message: "required: the bot token (xoxb-...) from your Slack app's OAuth page" })
    .startsWith("xoxb-", {
      message: "expected a bot token starting with xoxb-",
    }),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .min(
        8,
        "too short: at least 8 characters; Slack's is 32, from your Slack app's Basic Information page",
      ),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().startsWith("xapp-", "expected an app-level token starting with xapp- (Socket Mode)"),
  ),
  DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        "expected a Postgres URL such as postgresql://user:pass@host:5432/lastword",
      ),
  ),
  LASTWORD_DATA_DIR: z.string().min(1).default(".data"),
  LASTWORD_BALLOT_KEY: optional(
    z.string().refine((v) => parseBallotKey(v) !== null, {
      message: "expected 32 random bytes in base64, such as the output of `openssl rand -base64 32`",
    }),
  ),
  PORT: z.coerce.number({ message: "expected a port number" }).int().min(0).max(65535).default(3000),
  SLACK_API_URL: optional(z.url({ message: "expected a URL such as https://slack.com/api/" })),
  LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error"], { message: "expected one of debug, info, warn, error" })
    .default("info"),
  LASTWORD_DEFAULT_LOCALE: z
    .enum(SUPPORTED_LOCALES, { message: `expected one of ${SUPPORTED_LOCALES.join(", ")}` })
    .default("en"),
  LASTWORD_DEFAULT_TIMEZONE: timezone.default("UTC"),
  // Where App Home's first-use guidance sends people to read more (the install's own docs page).
  LASTWORD_DOCS_URL: optional(z.url({ message: "expected a URL such as https://example.org/lastword" })),
  // Slack allows a DM channel about one message a second and keeps a workspace-wide limit it
  // does not publish; five a second (300 a minute) stays well under what apps report seeing.
  LASTWORD_DM_PER_SECOND: z.coerce
    .number({ message: "expected messages per second, such as 5" })
    .positive()
    .max(1000)
    .default(5),
});

// HTTP mode needs the signing secret to verify Slack's requests; Socket Mode does not. Checked
// apart from the schema so that it is reported together with every other problem.
function modeProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name] ?? "").trim() !== "";
  return !set("SLACK_APP_TOKEN") && !set("SLACK_SIGNING_SECRET")
    ? ["SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)"]
    : [];
}

// With a database of its own the embedded setup keeps the ballot key in a file beside it; replicas
// sharing a database must all open the same ballots, so each needs the same key from the setting.
function ballotKeyProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name] ?? "").trim() !== "";
  return set("DATABASE_URL") && !set("LASTWORD_BALLOT_KEY")
    ? [
        "LASTWORD_BALLOT_KEY: required with DATABASE_URL (the same on every replica; make one with `openssl rand -base64 32` and keep a copy apart from the database's backups)",
      ]
    : [];
}

export interface Config {
  /**
   * No Slack credentials at all: the bot runs against the local Slack of src/playground, and
   * `slack` holds the made-up token and a fresh signing secret the two share.
   */
  playground: boolean;
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
  };
  databaseUrl: string | undefined;
  dataDir: string;
  /** Wraps each session's ballot-opening key; unset with the embedded database (a file in dataDir). */
  ballotKey: Buffer | undefined;
  port: number;
  logLevel: "debug" | "info" | "warn" | "error";
  defaultLocale: (typeof SUPPORTED_LOCALES)[number];
  defaultTimezone: string;
  docsUrl: string | undefined;
  /** The scheduled DMs' budget, over all replicas together (see SendBudgetStore). */
  dmRate: { perSecond: number; burst: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Lastword cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const CREDENTIALS = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"] as const;

/** The playground's bot token: the local Slack takes any, and this one says where it came from. */
export const PLAYGROUND_BOT_TOKEN = "xoxb-lastword-playground";

/**
 * Reads every setting at once so that a person fixes all their mistakes in one go. With none of
 * the Slack credentials set, the bot is the playground's; one set without the others is a mistake.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const playground = CREDENTIALS.every((name) => (env[name] ?? "").trim() === "");
  const source = playground
    ? {
        ...env,
        SLACK_BOT_TOKEN: PLAYGROUND_BOT_TOKEN,
        SLACK_SIGNING_SECRET: randomBytes(16).toString("hex"),
      }
    : env;
  const parsed = schema.safeParse(source);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`)),
    ...modeProblems(source),
    ...ballotKeyProblems(env),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const c = parsed.data;
  return {
    playground,
    slack: {
      botToken: c.SLACK_BOT_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      appToken: c.SLACK_APP_TOKEN,
      apiUrl: c.SLACK_API_URL,
    },
    databaseUrl: c.DATABASE_URL,
    dataDir: c.LASTWORD_DATA_DIR,
    ballotKey: c.LASTWORD_BALLOT_KEY === undefined ? undefined : parseBallotKey(c.LASTWORD_BALLOT_KEY)!,
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    defaultLocale: c.LASTWORD_DEFAULT_LOCALE,
    defaultTimezone: c.LASTWORD_DEFAULT_TIMEZONE,
    docsUrl: c.LASTWORD_DOCS_URL,
    dmRate: { perSecond: c.LASTWORD_DM_PER_SECOND, burst: Math.max(1, c.LASTWORD_DM_PER_SECOND) },
  };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
