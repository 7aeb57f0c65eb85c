/**
 * A lean fake of the four Slack Web API methods the check-in run needs (auth.test, users.info,
 * users.list, chat.postMessage), with Slack-style rate limits on chat.postMessage, for benchmarks
 * that send thousands of messages. Unlike tests/harness/fake-slack.ts it does not validate calls
 * against Slack's OpenAPI spec (which costs CPU per call); it only checks what this benchmark relies
 * on (a bearer token, a channel, text or blocks, blocks that parse as a JSON array). chat.postMessage
 * accepts `metadata` and ignores it (nothing here reads messages back).
 *
 * users.list pages like Slack: `limit` users a page (absent or 0: 200; at most 1000), ordered by
 * user ID, the bot user included as on Slack; `cursor` is the previous page's opaque
 * `response_metadata.next_cursor` ("" on the last page); `include_locale` adds each user's locale.
 *
 * Limits (all decided on arrival, per request):
 * - chat.postMessage, per channel: at most `perChannelPerSecond` delivered messages per channel
 *   (a DM to a user is the user's own D… channel), as Slack documents ("1 per second per channel").
 * - chat.postMessage, workspace-wide: a token bucket of `workspacePerSecond` tokens a second,
 *   holding at most `workspaceBurst` tokens (full at start).
 * - users.info: unlimited, or a token bucket of `usersInfoPerSecond` when set.
 * - users.list: unlimited, or a token bucket refilled at `usersListPerMinute` a minute and holding
 *   one minute's worth (full at start) when set; Slack puts users.list in Tier 2 (20+ a minute).
 * Beyond a limit the answer is HTTP 429 with `Retry-After: <whole seconds until a slot frees up,
 * at least 1>` and `{ ok: false, error: "ratelimited" }`, and the message is NOT delivered. A
 * refused request takes no token (Slack does not say whether its own limiter counts them).
 *
 * Run in this process (`startRateLimitedSlack`) or, to keep its CPU and memory out of the
 * caller's figures, as a child process (`startRateLimitedSlackChild`: `node --import tsx` on this
 * file, driven over IPC). Both give the same asynchronous interface.
 */
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RateLimits {
  /** Delivered chat.postMessage per channel per second (Slack: 1). */
  perChannelPerSecond: number;
  /** Workspace-wide chat.postMessage refill rate, messages per second. */
  workspacePerSecond: number;
  /** Workspace bucket size (burst); defaults to one second's worth. */
  workspaceBurst?: number;
  /** users.info per second; null or absent: unlimited. */
  usersInfoPerSecond?: number | null;
  /** users.list calls (pages) per minute; null or absent: unlimited. */
  usersListPerMinute?: number | null;
}

export interface FakeUser {
  id: string;
  name: string;
  tz: string;
  locale: string;
  /** Deactivated: users.info and users.list say `deleted: true`. */
  deleted?: boolean;
}

export interface SlackStats {
  /** Calls received, per method (429s included). */
  calls: Record<string, number>;
  /** chat.postMessage accepted and delivered. */
  delivered: number;
  /** Delivered messages per channel argument as sent (a user ID for a DM). */
  perRecipient: Record<string, number>;
  /** 429s answered, by which limit refused the call. */
  rateLimited: { perChannel: number; workspace: number; usersInfo: number; usersList: number };
  /** Epoch ms of every delivery and every 429 on chat.postMessage, in order. */
  deliveredAt: number[];
  limitedAt: number[];
  /** Requests answered ok:false for another reason (unknown user, bad blocks, unknown method), first 20. */
  refusals: string[];
  refusedCount: number;
  limits: Required<Omit<RateLimits, "usersInfoPerSecond" | "usersListPerMinute">> & {
    usersInfoPerSecond: number | null;
    usersListPerMinute: number | null;
  };
}

export interface RateLimitedSlack {
  /** Base URL for the Web API client (`slackApiUrl`), ending in a slash. */
  apiUrl: string;
  /** The process that serves it (this one, or the child). */
  pid: number;
  inProcess: boolean;
  addUsers(users: FakeUser[]): Promise<void>;
  stats(): Promise<SlackStats>;
  close(): Promise<void>;
}

export const WORKSPACE_ID = "T0LASTWORD";
export const BOT_USER_ID = "U0LASTWORDBOT";
export const BOT_ID = "B0LASTWORD";

/** A token bucket: `rate` tokens a second, at most `size`, full at start. */
class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly size: number,
    now: number,
  ) {
    this.tokens = size;
    this.last = now;
  }
  /** Takes a token and returns 0, or returns the ms until one is there. */
  take(now: number): number {
    this.tokens = Math.min(this.size, this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) / this.rate) * 1000;
  }
}

type Answer = { status: number; body: unknown; retryAfter?: number };

/** The fake's state and its answers, without the HTTP server around them. */
class SlackState {
  readonly users = new Map<string, FakeUser>();
  private readonly limits: SlackStats["limits"];
  private readonly workspace: Bucket;
  private readonly usersInfo: Bucket | undefined;
  private readonly usersListBucket: Bucket | undefined;
  /** User IDs (the bot's too) sorted, for users.list; rebuilt when users were added (they are never removed). */
  private sortedIds: string[] = [];
  private sortedForSize = -1;
  private readonly lastDelivery = new Map<string, number>();
  private seq = 0;
  readonly stats: SlackStats;

  constructor(limits: RateLimits) {
    this.limits = {
      perChannelPerSecond: limits.perChannelPerSecond,
      workspacePerSecond: limits.workspacePerSecond,
      workspaceBurst: limits.workspaceBurst ?? limits.workspacePerSecond,
      usersInfoPerSecond: limits.usersInfoPerSecond ?? null,
      usersListPerMinute: limits.usersListPerMinute ?? null,
    };
    const now = Date.now();
    this.workspace = new Bucket(this.limits.workspacePerSecond, this.limits.workspaceBurst, now);
    this.usersInfo = this.limits.usersInfoPerSecond
      ? new Bucket(this.limits.usersInfoPerSecond, this.limits.usersInfoPerSecond, now)
      : undefined;
    this.usersListBucket = this.limits.usersListPerMinute
      ? new Bucket(this.limits.usersListPerMinute / 60, this.limits.usersListPerMinute, now)
      : undefined;
    this.stats = {
      calls: {},
      delivered: 0,
      perRecipient: {},
      rateLimited: { perChannel: 0, workspace: 0, usersInfo: 0, usersList: 0 },
      deliveredAt: [],
      limitedAt: [],
      refusals: [],
      refusedCount: 0,
      limits: this.limits,
    };
  }

  private refuse(why: string, error: string): Answer {
    this.stats.refusedCount++;
    if (this.stats.refusals.length < 20) this.stats.refusals.push(why);
    return { status: 200, body: { ok: false, error } };
  }

  private limited(retryMs: number): Answer {
    return {
      status: 429,
      retryAfter: Math.max(1, Math.ceil(retryMs / 1000)),
      body: { ok: false, error: "ratelimited" },
    };
  }

  answer(method: string, params: Record<string, unknown>, authorization: string | undefined): Answer {
    this.stats.calls[method] = (this.stats.calls[method] ?? 0) + 1;
    if (!authorization?.startsWith("Bearer xoxb-"))
      return this.refuse(`${method}: no bot token`, "not_authed");
    switch (method) {
      case "auth.test":
        return {
          status: 200,
          body: {
            ok: true,
            url: "https://lastword-bench.slack.com/",
            team: "Lastword bench",
            user: "lastword",
            team_id: WORKSPACE_ID,
            user_id: BOT_USER_ID,
            bot_id: BOT_ID,
            is_enterprise_install: false,
          },
        };
      case "users.info":
        return this.userInfo(String(params.user ?? ""));
      case "users.list":
        return this.usersList(params);
      case "chat.postMessage":
        return this.postMessage(params);
      default:
        return this.refuse(`unexpected method ${method}`, "unknown_method");
    }
  }

  private userInfo(id: string): Answer {
    if (this.usersInfo) {
      const wait = this.usersInfo.take(Date.now());
      if (wait > 0) {
        this.stats.rateLimited.usersInfo++;
        return this.limited(wait);
      }
    }
    const u = this.users.get(id);
    if (!u) return this.refuse(`users.info: no user ${id}`, "user_not_found");
    return { status: 200, body: { ok: true, user: userObject(u, true) } };
  }

  private usersList(params: Record<string, unknown>): Answer {
    if (this.usersListBucket) {
      const wait = this.usersListBucket.take(Date.now());
      if (wait > 0) {
        this.stats.rateLimited.usersList++;
        return this.limited(wait);
      }
    }
    const asked = Math.floor(Number(params.limit ?? 0));
    const limit = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 1000) : 200;
    const cursor = typeof params.cursor === "string" && params.cursor !== "" ? params.cursor : undefined;
    // Opaque to the client, like Slack's ("dXNlcjpVMDYxTkZUVDI=" is "user:U061NFTT2"): the next page's first user.
    const decoded = cursor === undefined ? undefined : Buffer.from(cursor, "base64").toString("utf8");
    if (decoded !== undefined && !decoded.startsWith("user:"))
      return this.refuse(`users.list: bad cursor ${cursor}`, "invalid_cursor");
    if (this.sortedForSize !== this.users.size) {
      this.sortedIds = [...new Set([BOT_USER_ID, ...this.users.keys()])].sort();
      this.sortedForSize = this.users.size;
    }
    const from = decoded?.slice("user:".length);
    const start = from === undefined ? 0 : this.sortedIds.findIndex((id) => id >= from);
    const ids = start === -1 ? [] : this.sortedIds.slice(start, start + limit + 1);
    const includeLocale =
      params.include_locale === true || params.include_locale === "true" || params.include_locale === "1";
    const members = ids.slice(0, limit).map((id) => {
      const u = this.users.get(id);
      return u
        ? userObject(u, includeLocale)
        : { ...BOT_USER, ...(includeLocale ? { locale: "en-US" } : {}) };
    });
    const next = ids[limit];
    return {
      status: 200,
      body: {
        ok: true,
        members,
        cache_ts: Math.floor(Date.now() / 1000),
        response_metadata: {
          next_cursor: next === undefined ? "" : Buffer.from(`user:${next}`, "utf8").toString("base64"),
        },
      },
    };
  }

  private postMessage(params: Record<string, unknown>): Answer {
    const target = String(params.channel ?? "");
    let channel: string;
    if (/^[UW][A-Z0-9]+$/.test(target)) {
      if (!this.users.has(target))
        return this.refuse(`chat.postMessage: no user ${target}`, "channel_not_found");
      channel = `D${target.slice(1)}`;
    } else if (/^[CDG][A-Z0-9]+$/.test(target)) {
      channel = target;
    } else {
      return this.refuse(`chat.postMessage: bad channel ${target}`, "channel_not_found");
    }
    // params.metadata (message metadata, JSON text) is accepted and ignored: nothing here reads messages back.
    let blocks: unknown = params.blocks;
    if (typeof blocks === "string") {
      try {
        blocks = JSON.parse(blocks);
      } catch {
        return this.refuse("chat.postMessage: blocks are not JSON", "invalid_blocks");
      }
    }
    if (blocks !== undefined && !Array.isArray(blocks))
      return this.refuse("chat.postMessage: blocks is not an array", "invalid_blocks");
    const text = typeof params.text === "string" ? params.text : "";
    if (!text && !(Array.isArray(blocks) && blocks.length))
      return this.refuse("chat.postMessage: neither text nor blocks", "no_text");

    const now = Date.now();
    const gap = 1000 / this.limits.perChannelPerSecond;
    const last = this.lastDelivery.get(channel);
    if (last !== undefined && now - last < gap) {
      this.stats.rateLimited.perChannel++;
      this.stats.limitedAt.push(now);
      return this.limited(gap - (now - last));
    }
    const wait = this.workspace.take(now);
    if (wait > 0) {
      this.stats.rateLimited.workspace++;
      this.stats.limitedAt.push(now);
      return this.limited(wait);
    }
    this.lastDelivery.set(channel, now);
    this.stats.delivered++;
    this.stats.deliveredAt.push(now);
    this.stats.perRecipient[target] = (this.stats.perRecipient[target] ?? 0) + 1;
    const ts = `${Math.floor(now / 1000)}.${String(++this.seq % 1_000_000).padStart(6, "0")}`;
    return {
      status: 200,
      body: {
        ok: true,
        channel,
        ts,
        message: {
          type: "message",
          user: BOT_USER_ID,
          bot_id: BOT_ID,
          app_id: "A0LASTWORD",
          team: WORKSPACE_ID,
          text,
          ...(Array.isArray(blocks) ? { blocks } : {}),
          ts,
        },
      },
    };
  }
}

/** A user as users.info and users.list describe one (`locale` only when asked for, as on Slack). */
function userObject(u: FakeUser, includeLocale: boolean): Record<string, unknown> {
  return {
    id: u.id,
    team_id: WORKSPACE_ID,
    name: u.name,
    deleted: u.deleted ?? false,
    real_name: u.name,
    tz: u.tz,
    tz_label: u.tz,
    tz_offset: tzOffsetSeconds(u.tz),
    is_admin: false,
    is_owner: false,
    is_bot: false,
    is_app_user: false,
    updated: 1_700_000_000,
    ...(includeLocale ? { locale: u.locale } : {}),
    profile: { real_name: u.name, display_name: u.name, team: WORKSPACE_ID },
  };
}

/** The bot's own user, which users.list includes like Slack does. */
const BOT_USER = {
  id: BOT_USER_ID,
  team_id: WORKSPACE_ID,
  name: "lastword",
  deleted: false,
  real_name: "lastword",
  tz: "UTC",
  tz_label: "Coordinated Universal Time",
  tz_offset: 0,
  is_admin: false,
  is_owner: false,
  is_bot: true,
  is_app_user: false,
  updated: 1_700_000_000,
  profile: { real_name: "lastword", display_name: "lastword", team: WORKSPACE_ID, bot_id: BOT_ID },
};

/** Offsets by zone, as at the first lookup (a benchmark run is short; users.list would otherwise build a formatter per user). */
const tzOffsets = new Map<string, number>();

/** The zone's current offset from UTC in seconds (what users.info reports as tz_offset). */
function tzOffsetSeconds(tz: string): number {
  let offset = tzOffsets.get(tz);
  if (offset === undefined) {
    offset = computeTzOffsetSeconds(tz);
    tzOffsets.set(tz, offset);
  }
  return offset;
}

function computeTzOffsetSeconds(tz: string): number {
  try {
    const name =
      new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
        .formatToParts(new Date())
        .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  } catch {
    return 0;
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) {
    try {
      const v = JSON.parse(raw) as unknown;
      return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

async function serve(limits: RateLimits): Promise<{ state: SlackState; server: http.Server; port: number }> {
  const state = new SlackState(limits);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").split("?")[0]!.split("/").filter(Boolean).at(-1) ?? "";
      const params = parseBody(Buffer.concat(chunks).toString("utf8"), req.headers["content-type"]);
      const a = state.answer(method, params, req.headers.authorization);
      const body = JSON.stringify(a.body);
      const headers: Record<string, string | number> = {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body),
      };
      if (a.retryAfter !== undefined) headers["retry-after"] = a.retryAfter;
      res.writeHead(a.status, headers);
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return { state, server, port: (server.address() as AddressInfo).port };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The fake in this process. */
export async function startRateLimitedSlack(limits: RateLimits): Promise<RateLimitedSlack> {
  const { state, server, port } = await serve(limits);
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    pid: process.pid,
    inProcess: true,
    addUsers: async (users) => {
      for (const u of users) state.users.set(u.id, u);
    },
    stats: async () => structuredClone(state.stats),
    close: () => closeServer(server),
  };
}

type Request =
  | { id: number; op: "addUsers"; users: FakeUser[] }
  | { id: number; op: "stats" }
  | { id: number; op: "close" };
type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;
type Reply =
  | { type: "ready"; port: number }
  | { type: "reply"; id: number; result?: unknown; error?: string };

const CHILD_FLAG = "LASTWORD_RATE_LIMITED_SLACK_CHILD";

/**
 * The fake in a child process (`node --import tsx` on this file, IPC), so that its CPU and memory
 * stay out of the caller's. The child exits when told to, when its parent goes away, or after
 * `maxLifetimeMs` at the latest.
 */
export async function startRateLimitedSlackChild(
  limits: RateLimits,
  maxLifetimeMs = 600_000,
): Promise<RateLimitedSlack> {
  const child: ChildProcess = fork(import.meta.filename, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, [CHILD_FLAG]: JSON.stringify({ limits, maxLifetimeMs }) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the rate-limited fake Slack did not start within 30 s")),
      30_000,
    );
    child.once("exit", (code) =>
      reject(new Error(`the rate-limited fake Slack exited (code ${code}) before it was ready`)),
    );
    child.on("message", (m: Reply) => {
      if (m.type === "ready") {
        clearTimeout(timer);
        resolve(m.port);
      } else if (m.type === "reply") {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      }
    });
  }).catch((err: unknown) => {
    child.kill("SIGKILL");
    throw err;
  });
  child.on("exit", () => {
    for (const p of pending.values()) p.reject(new Error("the rate-limited fake Slack exited"));
    pending.clear();
  });
  const call = <T>(req: RequestBody, timeoutMs = 30_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null)
        return reject(new Error("the rate-limited fake Slack has exited"));
      const id = ++next;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the rate-limited fake Slack did not answer ${req.op} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ ...req, id });
    });
  let closing: Promise<void> | undefined;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    pid: child.pid!,
    inProcess: false,
    addUsers: (users) => call<void>({ op: "addUsers", users }),
    stats: () => call<SlackStats>({ op: "stats" }),
    close: () =>
      (closing ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        await call<void>({ op: "close" }, 5_000).catch(() => undefined);
        const gone = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
        ]);
        if (!gone) {
          child.kill("SIGKILL");
          await exited;
        }
      })()),
  };
}

/** The child's side: serve, answer the parent over IPC, exit when told or orphaned. */
async function runChild(): Promise<void> {
  const { limits, maxLifetimeMs } = JSON.parse(process.env[CHILD_FLAG]!) as {
    limits: RateLimits;
    maxLifetimeMs: number;
  };
  const { state, server, port } = await serve(limits);
  const stop = async (code: number) => {
    await closeServer(server);
    process.exit(code);
  };
  setTimeout(() => {
    process.stderr.write(`rate-limited fake Slack: still running after ${maxLifetimeMs} ms; exiting\n`);
    void stop(3);
  }, maxLifetimeMs).unref();
  process.on("disconnect", () => void stop(0));
  process.on("message", (m: Request) => {
    const reply = (r: Omit<Extract<Reply, { type: "reply" }>, "type" | "id">) =>
      process.send?.({ type: "reply", id: m.id, ...r });
    try {
      if (m.op === "addUsers") {
        for (const u of m.users) state.users.set(u.id, u);
        reply({});
      } else if (m.op === "stats") {
        reply({ result: state.stats });
      } else if (m.op === "close") {
        reply({});
        void stop(0);
      }
    } catch (err) {
      reply({ error: String(err) });
    }
  });
  process.send?.({ type: "ready", port } satisfies Reply);
}

if (process.env[CHILD_FLAG] && process.send) {
  void runChild().catch((err: unknown) => {
    process.stderr.write(`rate-limited fake Slack: ${String(err)}\n`);
    process.exit(1);
  });
}
