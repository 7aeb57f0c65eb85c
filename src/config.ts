import { randomBytes } from "node:crypto";
import { z } from "zod";
import { SUPPORTED_LOCALES } from "./i18n/locales.ts";
import { parseKey } from "./secrets/key-file.ts";
import { parseBallotKey } from "./seal/ballot-key.ts";

const optional = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const timezone = z
  .string()
  .refine(isTimeZone, { message: "expected an IANA timezone such as Asia/Shanghai or UTC" });

const schema = z.object({
  // One workspace: its bot token. Many: the OAuth settings below instead (see oauthProblems).
  SLACK_BOT_TOKEN: optional(z.string().startsWith("xoxb-", "expected a bot token starting with xoxb-")),
  SLACK_CLIENT_ID: optional(
    z.string().regex(/^\d+\.\d+$/, "expected the app's Client ID, such as 1234567890.1234567890"),
  ),
  SLACK_CLIENT_SECRET: optional(
    z.string().min(8, "too short: the app's Client Secret, from Basic Information"),
  ),
  SLACK_STATE_SECRET: optional(
    z.string().min(16, "too short: at least 16 random characters (it signs the OAuth state)"),
  ),
  SLACK_REDIRECT_URI: optional(
    z.url({ message: "expected a URL such as https://lastword.example.org/slack/oauth_redirect" }),
  ),
  LASTWORD_TOKEN_KEY: optional(
    z.string().refine((v) => parseKey(v) !== null, {
      message: "expected 32 random bytes in base64, such as the output of `openssl rand -base64 32`",
    }),
  ),
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
  LASTWORD_RETENTION_DAYS: z.coerce
    .number({ message: "expected a number of days, such as 30" })
    .int("expected a whole number of days")
    .min(1, "at least 1 day")
    .max(3650)
    .default(30),
});

// HTTP mode needs the signing secret to verify Slack's requests; Socket Mode does not. Checked
// apart from the schema so that it is reported together with every other problem.
function modeProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name] ?? "").trim() !== "";
  return !set("SLACK_APP_TOKEN") && !set("SLACK_SIGNING_SECRET")
    ? ["SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)"]
    : [];
}

/**
 * One workspace (a bot token) or many (Slack's OAuth flow): exactly one of the two. The OAuth
 * settings go together; a bot token beside them would leave it unclear whose workspace a request
 * without an installation belongs to.
 */
function oauthProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name] ?? "").trim() !== "";
  const oauth = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"];
  const given = oauth.filter(set);
  if (set("SLACK_BOT_TOKEN") && given.length)
    return [`SLACK_BOT_TOKEN: set it for one workspace, or ${given.join(", ")} for many, not both`];
  if (given.length && given.length < oauth.length)
    return oauth
      .filter((n) => !set(n))
      .map((n) => `${n}: required with ${given.join(", ")} (installing through OAuth)`);
  // Replicas sharing a database must all open the same tokens; the embedded setup keeps a key file.
  if (given.length && set("DATABASE_URL") && !set("LASTWORD_TOKEN_KEY"))
    return [
      "LASTWORD_TOKEN_KEY: required with DATABASE_URL when installing through OAuth (the same on every replica; make one with `openssl rand -base64 32` and keep it apart from the database's backups)",
    ];
  if (!set("SLACK_BOT_TOKEN") && !given.length)
    return [
      "SLACK_BOT_TOKEN: required: the bot token (xoxb-...) from your Slack app's OAuth page (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install in many workspaces)",
    ];
  return [];
}

/** Slack's OAuth flow, for an app installed in many workspaces. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** Only needed when the app has several redirect URLs; Slack uses its only one otherwise. */
  redirectUri: string | undefined;
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
    /** One workspace; undefined when installing through OAuth. */
    botToken: string | undefined;
    oauth: OAuthConfig | undefined;
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
  /** Each workspace's budget for scheduled DMs, over all replicas together (see SendBudgetStore). */
  dmRate: { perSecond: number; burst: number };
  /** Encrypts the bot tokens stored for OAuth installs; undefined: a key file in the data directory. */
  tokenKey: Buffer | undefined;
  /** Finished jobs, deliveries and inbox rows older than this are deleted (the ledger never is). */
  retentionDays: number;
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
    ...oauthProblems(source),
    ...ballotKeyProblems(env),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const c = parsed.data;
  return {
    playground,
    slack: {
      botToken: c.SLACK_BOT_TOKEN,
      oauth: c.SLACK_CLIENT_ID
        ? {
            clientId: c.SLACK_CLIENT_ID,
            clientSecret: c.SLACK_CLIENT_SECRET!,
            stateSecret: c.SLACK_STATE_SECRET!,
            redirectUri: c.SLACK_REDIRECT_URI,
          }
        : undefined,
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
    tokenKey: c.LASTWORD_TOKEN_KEY === undefined ? undefined : parseKey(c.LASTWORD_TOKEN_KEY)!,
    retentionDays: c.LASTWORD_RETENTION_DAYS,
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
