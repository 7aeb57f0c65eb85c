/**
 * The local Slack: the part of Slack's Web API (and of its response_url endpoints) that Lastword
 * calls, answered from a small workspace model (users, channels, messages, views). The playground
 * (`npm start` without Slack credentials) runs the bot against it, and the end-to-end tests drive
 * the same server, so what a person tries in the browser is what the tests check.
 *
 * Point @slack/web-api at it with `new WebClient(token, { slackApiUrl: slack.apiUrl })` (or Bolt's
 * `clientOptions: { slackApiUrl: slack.apiUrl }`). Every call is recorded; an inspector (the tests
 * pass one that checks Slack's published OpenAPI description) may judge each request and answer:
 * problems land in `violations` / `warnings`, so a test can end with `assertNoViolations()`.
 *
 * IDs in answers follow Slack's patterns (channel IDs are C/G/D + at least 8 characters, message
 * ts are "1234567890.123456"); give the model realistic IDs too.
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";

// ---------------------------------------------------------------------------------------------------
// Public types

export type SlackAnswer = Record<string, unknown>;

/** One Web API call as the fake saw it. `params` are decoded (JSON-valued ones like `blocks` parsed back). */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
  at: Date;
  /** What the fake answered. */
  response: SlackAnswer;
}

/** A call the fake answered with HTTP 429 (see `rateLimit`); not in `calls`. */
export interface RateLimitedCall {
  method: string;
  params: Record<string, unknown>;
  at: Date;
}

/** A POST to a response_url handed out by `responseUrl()` (what Bolt's `respond()` sends). */
export interface RecordedResponse {
  id: string;
  body: unknown;
  at: Date;
}

export interface LocalBot {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface LocalTeam {
  id: string;
  domain: string;
  name: string;
}

export interface LocalUser {
  id: string;
  name: string;
  realName?: string;
  locale?: string;
  tz?: string;
  /** Seconds east of UTC; derived from `tz` (at the current date) when omitted. */
  tzOffset?: number;
  deleted?: boolean;
  isBot?: boolean;
  email?: string;
}

export interface LocalChannel {
  id: string;
  name: string;
  members?: string[];
  isPrivate?: boolean;
  topic?: string;
  purpose?: string;
}

/** Slack's message metadata (chat.postMessage `metadata`): an app-defined event attached to the message. */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  user: string;
  /** IDs of the files shared with it (files.completeUploadExternal). */
  files?: string[];
  botId?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  /** As posted; conversations.history shows it only with `include_all_metadata`. */
  metadata?: MessageMetadata;
  threadTs?: string;
  deleted: boolean;
  edited: boolean;
}

/**
 * A message only some see, or one Slack shows for a response_url: an ephemeral message from
 * chat.postEphemeral, or what `respond()` sent back to a slash command or a button press.
 * `visibleTo` undefined means everyone in the channel (a response with `response_type: in_channel`).
 */
export interface ShownResponse {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  visibleTo?: string;
  threadTs?: string;
}

/** Where a response_url's answers are shown: the person who acted, and where. */
export interface ResponseContext {
  userId: string;
  channel: string;
  threadTs?: string;
}

/** Everything the workspace holds, as JSON: the playground keeps it across restarts. */
export interface LocalSlackSnapshot {
  users: LocalUser[];
  channels: LocalChannel[];
  messages: StoredMessage[];
  shown: ShownResponse[];
  views: StoredView[];
  dms: Array<[string, string]>;
  idCounters: Array<[string, number]>;
  lastTsMicros: number;
}

/**
 * A file uploaded through files.getUploadURLExternal: its bytes arrive at the upload URL, and
 * files.completeUploadExternal finishes it (and shares it, when a channel is named).
 */
export interface StoredFile {
  id: string;
  name: string;
  title: string;
  /** The size announced to files.getUploadURLExternal. */
  length: number;
  /** What was posted to the upload URL; undefined until then. */
  content?: Buffer;
  completed: boolean;
  /** Channels (DMs included) it was shared in. */
  channels: string[];
}

export interface StoredView {
  id: string;
  /** The view payload as last sent by the bot (views.open/push/update/publish). */
  view: Record<string, unknown>;
  hash: string;
  /** views.publish target (home tab), if any. */
  userId?: string;
  /** The trigger views.open/push was called with: whose action opened the modal. */
  triggerId?: string;
  rootViewId: string;
  previousViewId: string | null;
}

export interface LocalSlackRequest {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
}

export type MethodHandler = (
  request: LocalSlackRequest,
  fake: LocalSlack,
) => SlackAnswer | Promise<SlackAnswer>;

/** What a check of the traffic found: errors become violations, warnings stay warnings. */
export interface InspectionResult {
  errors: string[];
  warnings: string[];
}

/** Judges each Web API request and answer (the tests check them against Slack's description). */
export interface CallInspector {
  request(method: string, params: Record<string, unknown>, context: { hasToken: boolean }): InspectionResult;
  response(method: string, answer: SlackAnswer): InspectionResult;
  /** Whether Slack has this method (so an unanswered one is worth a warning). */
  knownMethod(method: string): boolean;
}

/**
 * Extra HTTP routes served beside the Web API (the playground's page); answers true when it took
 * the request.
 */
export type ExtraRoutes = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
) => Promise<boolean>;

export interface LocalSlackOptions {
  inspector?: CallInspector;
  /** Where to listen: 127.0.0.1 and any free port unless given. */
  host?: string;
  port?: number;
  routes?: ExtraRoutes;
  team?: Partial<LocalTeam>;
  bot?: Partial<LocalBot>;
  /** Seconds part of the first message ts the fake hands out; defaults to now. */
  firstTsSeconds?: number;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

const DEFAULT_TEAM: LocalTeam = { id: "T0LASTWORD", domain: "lastword-test", name: "Lastword Test" };
const DEFAULT_BOT: LocalBot = {
  userId: "U0LASTWORD",
  botId: "B0LASTWORD",
  appId: "A0LASTWORD",
  name: "lastword",
};
/** Users' `updated` / channels' `created`: any fixed past epoch second will do. */
const CREATED_AT = 1_600_000_000;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolvePromise(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** A parameter as a string, the way Slack reads it off the form (numbers and booleans stringified). */
function str(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function truthy(params: Record<string, unknown>, name: string): boolean {
  const value = params[name];
  return value === true || value === 1 || value === "true" || value === "1";
}

function objectParam(params: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = params[name];
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function arrayParam(params: Record<string, unknown>, name: string): unknown[] | undefined {
  const value = params[name];
  return Array.isArray(value) ? value : undefined;
}

function fail(error: string): SlackAnswer {
  return { ok: false, error };
}

/** A positive integer parameter (`limit`): absent, 0 or not a number gives `fallback`; at most `max`. */
function limitParam(params: Record<string, unknown>, fallback: number, max: number): number {
  const n = Math.floor(Number(str(params, "limit") ?? 0));
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}

/** A message ts ("1700000000.000100", also "1700000000" or "0") as integer microseconds; undefined if it is none. */
function tsMicros(ts: string): number | undefined {
  const match = /^(\d{1,10})(?:\.(\d{1,6}))?$/.exec(ts.trim());
  if (match === null) return undefined;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? "").padEnd(6, "0"));
}

/** Slack's cursors are opaque base64 ("dXNlcjpVMDYxTkZUVDI=" is "user:U061NFTT2"); these look alike. */
function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`, "utf8").toString("base64");
}

function decodeCursor(cursor: string, kind: string): string | undefined {
  const text = Buffer.from(cursor, "base64").toString("utf8");
  return text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : undefined;
}

function isMessageMetadata(value: unknown): value is MessageMetadata {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { event_type: type, event_payload: payload } = value as Record<string, unknown>;
  return (
    typeof type === "string" &&
    type !== "" &&
    typeof payload === "object" &&
    payload !== null &&
    !Array.isArray(payload)
  );
}

/** Seconds east of UTC for an IANA zone right now (Slack reports the current offset, DST included). */
function offsetOf(timeZone: string): number {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? "");
  if (match === null) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === "-" ? -seconds : seconds;
}

function labelOf(timeZone: string): string {
  return (
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "long" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone
  );
}

function summarizeCall(call: { method: string; params: Record<string, unknown> }): string {
  const keys = ["channel", "user", "user_id", "ts", "text"];
  const shown = keys
    .filter((k) => call.params[k] !== undefined)
    .map((k) => `${k}=${JSON.stringify(call.params[k]).slice(0, 40)}`)
    .join(", ");
  return `${call.method}(${shown})`;
}

/**
 * Turns the raw HTTP request into a flat parameter object. WebClient sends form-urlencoded bodies
 * (multipart when a Buffer is attached) and JSON-encodes nested values such as `blocks`; those are
 * parsed back so tests can look at real objects.
 */
async function parseParams(url: URL, contentType: string, raw: Buffer): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (contentType.includes("application/json")) {
    const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null) Object.assign(params, parsed);
  } else if (contentType.includes("multipart/form-data")) {
    const form = await new Request("http://fake.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: Uint8Array.from(raw),
    }).formData();
    for (const [key, value] of form) {
      params[key] = typeof value === "string" ? value : Buffer.from(await value.arrayBuffer());
    }
  } else {
    Object.assign(params, Object.fromEntries(new URLSearchParams(raw.toString("utf8"))));
  }
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string" && JSON_PARAMETERS.has(key)) params[key] = decodeJson(value);
  }
  return params;
}

/** Parameters a client sends as JSON text (Slack's description marks the same ones). */
const JSON_PARAMETERS = new Set(["blocks", "attachments", "view", "metadata", "user_auth_blocks", "files"]);

function decodeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value; // not JSON after all: keep the text, the spec check will judge it
  }
}

interface Waiter<T> {
  matches: (item: T) => boolean;
  resolve: (item: T) => void;
}

// ---------------------------------------------------------------------------------------------------
// The fake

export class LocalSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly rateLimited: RateLimitedCall[] = [];
  readonly violations: string[] = [];
  readonly warnings: string[] = [];

  readonly team: LocalTeam;
  readonly bot: LocalBot;
  readonly users = new Map<string, LocalUser>();
  readonly channels = new Map<string, LocalChannel>();
  readonly messages: StoredMessage[] = [];
  readonly views = new Map<string, StoredView>();
  /** Uploaded files by ID (not kept in snapshots: the playground's exports are for downloading). */
  readonly files = new Map<string, StoredFile>();
  /** Ephemeral messages and response_url answers, for the playground's page (see ShownResponse). */
  readonly shown: ShownResponse[] = [];
  /** user ID → DM channel ID, created on first use. */
  private readonly dms = new Map<string, string>();

  private readonly inspector: CallInspector | undefined;
  private readonly overrides = new Map<string, MethodHandler>();
  private readonly rateLimits = new Map<string, { retryAfterSeconds: number; remaining: number }>();
  private readonly callWaiters = new Set<Waiter<RecordedCall>>();
  private readonly responseWaiters = new Set<Waiter<RecordedResponse>>();
  private readonly responseContexts = new Map<string, ResponseContext>();
  private readonly changeListeners = new Set<() => void>();
  private readonly idCounters = new Map<string, number>();
  private lastTsMicros: number;
  private baseUrl = "";

  private constructor(
    private readonly server: Server,
    options: LocalSlackOptions,
  ) {
    this.inspector = options.inspector;
    this.team = { ...DEFAULT_TEAM, ...options.team };
    this.bot = { ...DEFAULT_BOT, ...options.bot };
    this.lastTsMicros = (options.firstTsSeconds ?? Math.floor(Date.now() / 1000)) * 1_000_000;
    this.addUser({ id: this.bot.userId, name: this.bot.name, isBot: true });
  }

  static async start(options: LocalSlackOptions = {}): Promise<LocalSlack> {
    const server = createServer();
    const fake = new LocalSlack(server, options);
    const routes = options.routes;
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      fake.route(req, res, routes).catch((error: unknown) => {
        fake.violations.push(`local Slack crashed handling ${req.url ?? "?"}: ${String(error)}`);
        if (!res.headersSent) sendJson(res, 200, fail("fake_slack_internal_error"));
      });
    });
    await new Promise<void>((resolvePromise, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolvePromise());
    });
    const { port } = server.address() as AddressInfo;
    fake.baseUrl = `http://${options.host ?? "127.0.0.1"}:${port}`;
    return fake;
  }

  /** The HTTP server under the fake (Socket Mode attaches its WebSocket endpoint to it). */
  get httpServer(): Server {
    return this.server;
  }

  /** Base URL for WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get url(): string {
    return this.baseUrl;
  }

  // ---- workspace model ----------------------------------------------------------------------------

  addUser(user: LocalUser): this {
    this.users.set(user.id, user);
    return this;
  }

  addChannel(channel: LocalChannel): this {
    this.channels.set(channel.id, channel);
    return this;
  }

  /** Seeds a message (e.g. one the bot posted before the test) so chat.update/delete can find it. */
  addMessage(message: {
    channel: string;
    text: string;
    ts?: string;
    user?: string;
    blocks?: unknown[];
    metadata?: MessageMetadata;
    threadTs?: string;
  }): StoredMessage {
    const user = message.user ?? this.bot.userId;
    const stored: StoredMessage = {
      channel: message.channel,
      ts: message.ts ?? this.nextTs(),
      text: message.text,
      user,
      ...(user === this.bot.userId ? { botId: this.bot.botId } : {}),
      ...(message.blocks !== undefined ? { blocks: message.blocks } : {}),
      ...(message.metadata !== undefined ? { metadata: message.metadata } : {}),
      ...(message.threadTs !== undefined ? { threadTs: message.threadTs } : {}),
      deleted: false,
      edited: false,
    };
    this.messages.push(stored);
    this.changed();
    return stored;
  }

  /** The DM channel between the bot and a user (what Slack returns when you post to a user ID). */
  dmChannelFor(userId: string): string {
    let id = this.dms.get(userId);
    if (id === undefined) {
      id = this.newId("D");
      this.dms.set(userId, id);
    }
    return id;
  }

  /** The files shared in a channel (a user ID means the DM with that user), in the order shared. */
  filesIn(channel: string): StoredFile[] {
    return this.messagesIn(channel)
      .flatMap((m) => m.files ?? [])
      .map((id) => this.files.get(id))
      .filter((f): f is StoredFile => f !== undefined);
  }

  /** Live (not deleted) messages in a channel, oldest first; a user ID means the DM with that user. */
  messagesIn(channel: string): StoredMessage[] {
    const id = /^[UW]/.test(channel) ? this.dmChannelFor(channel) : channel;
    return this.messages.filter((m) => m.channel === id && !m.deleted);
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  snapshot(): LocalSlackSnapshot {
    return {
      users: [...this.users.values()],
      channels: [...this.channels.values()],
      messages: this.messages,
      shown: this.shown,
      views: [...this.views.values()],
      dms: [...this.dms],
      idCounters: [...this.idCounters],
      lastTsMicros: this.lastTsMicros,
    };
  }

  /** Takes the workspace back to a snapshot (recorded traffic is not part of it). */
  restore(snapshot: LocalSlackSnapshot): void {
    this.users.clear();
    for (const u of snapshot.users) this.users.set(u.id, u);
    this.channels.clear();
    for (const c of snapshot.channels) this.channels.set(c.id, c);
    this.messages.splice(0, this.messages.length, ...snapshot.messages);
    this.shown.splice(0, this.shown.length, ...snapshot.shown);
    this.views.clear();
    for (const v of snapshot.views) this.views.set(v.id, v);
    this.dms.clear();
    for (const [user, id] of snapshot.dms) this.dms.set(user, id);
    this.idCounters.clear();
    for (const [prefix, n] of snapshot.idCounters) this.idCounters.set(prefix, n);
    this.lastTsMicros = Math.max(this.lastTsMicros, snapshot.lastTsMicros);
  }

  // ---- recorded traffic ---------------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (already made or still to come) to `method` matching `predicate`. */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    const matches = (call: RecordedCall): boolean =>
      call.method === method && (predicate === undefined || predicate(call));
    return this.waitFor(this.calls, this.callWaiters, matches, timeoutMs, () => {
      const made = this.calls.map(summarizeCall).join("\n  ") || "(none)";
      const what = predicate === undefined ? method : `${method} matching the predicate`;
      return `local Slack: no ${what} call within ${timeoutMs}ms. Calls made:\n  ${made}`;
    });
  }

  /**
   * A response_url pointing here; posts to it land in `responses` with this id. With a context,
   * they are also shown as Slack shows them (see ShownResponse).
   */
  responseUrl(id: string = randomUUID(), context?: ResponseContext): string {
    if (context !== undefined) this.responseContexts.set(id, context);
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  /** Calls `listener` after every change to what a person would see (the page polls less for it). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  waitForResponse(
    predicate: (response: RecordedResponse) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedResponse> {
    return this.waitFor(this.responses, this.responseWaiters, predicate, timeoutMs, () => {
      const seen =
        this.responses.map((r) => `${r.id}: ${JSON.stringify(r.body).slice(0, 80)}`).join("\n  ") || "(none)";
      return `local Slack: no matching response_url post within ${timeoutMs}ms. Posts seen:\n  ${seen}`;
    });
  }

  // ---- test controls ------------------------------------------------------------------------------

  /**
   * Overrides one method's answer (a fixed body or a handler); `undefined` restores the default.
   * A body without `ok` is taken as a success.
   */
  respondTo(method: string, handler: MethodHandler | SlackAnswer | undefined): this {
    if (handler === undefined) this.overrides.delete(method);
    else
      this.overrides.set(method, typeof handler === "function" ? (handler as MethodHandler) : () => handler);
    return this;
  }

  /**
   * What the fake answers `method` with when no override is set: for an override that delays,
   * wraps or sometimes withholds the real answer.
   */
  defaultAnswer(method: string, params: Record<string, unknown>): SlackAnswer {
    const handler = this.handlers[method];
    if (handler === undefined) throw new Error(`local Slack has no default answer for ${method}`);
    return handler(params);
  }

  /** Answers the next `times` calls to `method` with HTTP 429 + Retry-After (WebClient waits, then retries). */
  rateLimit(
    method: string,
    { retryAfterSeconds = 1, times = 1 }: { retryAfterSeconds?: number; times?: number } = {},
  ): this {
    this.rateLimits.set(method, { retryAfterSeconds, remaining: times });
    return this;
  }

  /** Forgets recorded traffic, problems, overrides, rate limits, messages and views; keeps users and channels. */
  reset(): void {
    for (const list of [
      this.calls,
      this.responses,
      this.rateLimited,
      this.violations,
      this.warnings,
      this.messages,
      this.shown,
    ])
      list.length = 0;
    this.overrides.clear();
    this.rateLimits.clear();
    this.views.clear();
    this.files.clear();
  }

  assertNoViolations(): void {
    if (this.violations.length > 0) {
      throw new Error(
        `local Slack saw ${this.violations.length} spec violation(s):\n  ${this.violations.join("\n  ")}`,
      );
    }
  }

  async close(): Promise<void> {
    this.callWaiters.clear();
    this.responseWaiters.clear();
    await new Promise<void>((resolvePromise) => {
      this.server.close(() => resolvePromise());
      // fetch keeps connections alive; without this close() waits for them to time out.
      this.server.closeAllConnections();
    });
  }

  // ---- HTTP plumbing ------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse, routes?: ExtraRoutes): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const raw = await readBody(req);
    const contentType = req.headers["content-type"] ?? "";
    if (url.pathname.startsWith("/api/")) {
      const method = decodeURIComponent(url.pathname.slice("/api/".length));
      await this.handleApiCall(method, await parseParams(url, contentType, raw), req, res);
    } else if (url.pathname.startsWith("/upload/") && req.method === "POST") {
      await this.handleUpload(
        decodeURIComponent(url.pathname.slice("/upload/".length)),
        contentType,
        raw,
        res,
      );
    } else if (url.pathname.startsWith("/response/")) {
      this.handleResponseUrl(
        decodeURIComponent(url.pathname.slice("/response/".length)),
        contentType,
        raw,
        res,
      );
    } else if (routes === undefined || !(await routes(req, res, url, raw))) {
      sendJson(res, 404, fail("not_found"));
    }
  }

  private async handleApiCall(
    method: string,
    params: Record<string, unknown>,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const token = this.takeToken(req, params);
    const limit = this.rateLimits.get(method);
    if (limit !== undefined && limit.remaining > 0) {
      limit.remaining -= 1;
      this.rateLimited.push({ method, params, at: new Date() });
      sendJson(res, 429, fail("ratelimited"), { "retry-after": String(limit.retryAfterSeconds) });
      return;
    }

    const inspector = this.inspector;
    if (inspector)
      this.note(`${method} request`, inspector.request(method, params, { hasToken: token !== undefined }));
    const response = await this.answer({ method, params, token });
    if (inspector) this.note(`${method} response`, inspector.response(method, response));

    this.record(this.calls, this.callWaiters, { method, params, token, at: new Date(), response });
    sendJson(res, 200, response);
    if (response["ok"] === true) this.changed();
  }

  /** WebClient sends the token as "Authorization: Bearer …"; older clients put it in the body. */
  private takeToken(req: IncomingMessage, params: Record<string, unknown>): string | undefined {
    const header = req.headers.authorization;
    const fromBody = str(params, "token");
    delete params["token"];
    if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length);
    return fromBody;
  }

  private note(context: string, { errors, warnings }: { errors: string[]; warnings: string[] }): void {
    this.violations.push(...errors.map((e) => `${context}: ${e}`));
    this.warnings.push(...warnings.map((w) => `${context}: ${w}`));
  }

  private async answer(request: LocalSlackRequest): Promise<SlackAnswer> {
    const override = this.overrides.get(request.method);
    if (override !== undefined) {
      const body = await override(request, this);
      return "ok" in body ? body : { ok: true, ...body };
    }
    if (request.token === undefined) return fail("not_authed");
    const handler = this.handlers[request.method];
    if (handler !== undefined) return handler(request.params);
    if (this.inspector?.knownMethod(request.method)) {
      this.warnings.push(
        `${request.method}: not implemented by the local Slack (answered unknown_method); use respondTo()`,
      );
    }
    return fail("unknown_method");
  }

  /**
   * A file's bytes posted to the URL files.getUploadURLExternal gave: raw, or multipart with the
   * file as its one file part. Slack answers 200 with "OK - <size>"; anything else means failure.
   */
  private async handleUpload(
    id: string,
    contentType: string,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const file = this.files.get(id);
    const content =
      file === undefined || file.completed ? undefined : await this.uploadedBytes(contentType, raw);
    res.writeHead(file && content ? 200 : 404, { "content-type": "text/plain" });
    if (file === undefined || content === undefined) return void res.end("not found");
    file.content = content;
    res.end(`OK - ${content.length}`);
  }

  private async uploadedBytes(contentType: string, raw: Buffer): Promise<Buffer> {
    if (!contentType.includes("multipart/form-data")) return raw;
    const form = await new Request("http://fake.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: Uint8Array.from(raw),
    }).formData();
    for (const [, value] of form)
      if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
    return raw;
  }

  private handleResponseUrl(id: string, contentType: string, raw: Buffer, res: ServerResponse): void {
    const text = raw.toString("utf8");
    const body: unknown = contentType.includes("application/json")
      ? decodeJson(text)
      : Object.fromEntries(new URLSearchParams(text));
    this.record(this.responses, this.responseWaiters, { id, body, at: new Date() });
    const context = this.responseContexts.get(id);
    if (context !== undefined) this.show(context, body);
    sendJson(res, 200, { ok: true });
  }

  /** What Slack shows for a response_url post: ephemeral to the person unless `in_channel`. */
  private show(context: ResponseContext, body: unknown): void {
    if (typeof body !== "object" || body === null) return;
    const { text, blocks, response_type: type } = body as Record<string, unknown>;
    if (typeof text !== "string" && !Array.isArray(blocks)) return;
    this.shown.push({
      channel: context.channel,
      ts: this.nextTs(),
      text: typeof text === "string" ? text : "",
      ...(Array.isArray(blocks) ? { blocks } : {}),
      ...(type === "in_channel" ? {} : { visibleTo: context.userId }),
      ...(context.threadTs !== undefined ? { threadTs: context.threadTs } : {}),
    });
    this.changed();
  }

  private record<T>(list: T[], waiters: Set<Waiter<T>>, item: T): void {
    list.push(item);
    for (const waiter of waiters) {
      if (waiter.matches(item)) {
        waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  private waitFor<T>(
    list: T[],
    waiters: Set<Waiter<T>>,
    matches: (item: T) => boolean,
    timeoutMs: number,
    explain: () => string,
  ): Promise<T> {
    const already = list.find(matches);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise<T>((resolvePromise, reject) => {
      const waiter: Waiter<T> = {
        matches,
        resolve: (item) => {
          clearTimeout(timer);
          resolvePromise(item);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(explain()));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  // ---- ids and timestamps -------------------------------------------------------------------------

  /** Strictly increasing message timestamps in Slack's "seconds.micros" format. */
  nextTs(): string {
    this.lastTsMicros = Math.max(this.lastTsMicros + 100, Date.now() * 1000);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    const micros = this.lastTsMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, "0")}`;
  }

  /** Sequential IDs with Slack's prefix letters and length (prefix + 10 characters). */
  private newId(prefix: string): string {
    const n = (this.idCounters.get(prefix) ?? 0) + 1;
    this.idCounters.set(prefix, n);
    return `${prefix}${String(n).padStart(10, "0")}`;
  }

  // ---- default answers ----------------------------------------------------------------------------

  private readonly handlers: Record<string, ((params: Record<string, unknown>) => SlackAnswer) | undefined> =
    {
      "auth.test": () => this.authTest(),
      "users.info": (p) => this.usersInfo(p),
      "users.list": (p) => this.usersList(p),
      "chat.postMessage": (p) => this.chatPostMessage(p),
      "chat.update": (p) => this.chatUpdate(p),
      "chat.delete": (p) => this.chatDelete(p),
      "chat.postEphemeral": (p) => this.chatPostEphemeral(p),
      "chat.getPermalink": (p) => this.chatGetPermalink(p),
      "views.open": (p) => this.viewsOpen(p, null),
      "views.push": (p) => this.viewsOpen(p, "push"),
      "views.update": (p) => this.viewsUpdate(p),
      "views.publish": (p) => this.viewsPublish(p),
      "conversations.info": (p) => this.conversationsInfo(p),
      "conversations.members": (p) => this.conversationsMembers(p),
      "conversations.history": (p) => this.conversationsHistory(p),
      "conversations.open": (p) => this.conversationsOpen(p),
      "files.upload": (p) => this.filesUpload(p),
      "files.getUploadURLExternal": (p) => this.filesGetUploadUrlExternal(p),
      "files.completeUploadExternal": (p) => this.filesCompleteUploadExternal(p),
    };

  private authTest(): SlackAnswer {
    return {
      ok: true,
      url: `https://${this.team.domain}.slack.com/`,
      team: this.team.name,
      user: this.bot.name,
      team_id: this.team.id,
      user_id: this.bot.userId,
      bot_id: this.bot.botId,
      is_enterprise_install: false,
    };
  }

  private userObject(user: LocalUser, includeLocale: boolean): SlackAnswer {
    const realName = user.realName ?? user.name;
    const tz = user.tz ?? "America/Los_Angeles";
    const isBot = user.isBot ?? false;
    const profile: SlackAnswer = {
      real_name: realName,
      real_name_normalized: realName,
      display_name: user.name,
      display_name_normalized: user.name,
      avatar_hash: "g0a1b2c3d4e5",
      title: "",
      phone: "",
      skype: "", // deprecated, but still required by the spec
      status_text: "",
      status_emoji: "",
      fields: null,
      team: this.team.id,
      ...(user.email !== undefined ? { email: user.email } : {}),
      ...(user.id === this.bot.userId
        ? { bot_id: this.bot.botId, api_app_id: this.bot.appId, always_active: true }
        : {}),
    };
    return {
      id: user.id,
      team_id: this.team.id,
      name: user.name,
      deleted: user.deleted ?? false,
      color: "9f69e7",
      real_name: realName,
      tz,
      tz_label: labelOf(tz),
      tz_offset: user.tzOffset ?? offsetOf(tz),
      profile,
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: isBot,
      is_app_user: false,
      updated: CREATED_AT,
      ...(includeLocale ? { locale: user.locale ?? "en-US" } : {}),
    };
  }

  private usersInfo(params: Record<string, unknown>): SlackAnswer {
    const user = this.users.get(str(params, "user") ?? "");
    if (user === undefined) return fail("user_not_found");
    return { ok: true, user: this.userObject(user, truthy(params, "include_locale")) };
  }

  /**
   * Every user, the bot and deactivated ones included (Slack lists them too), in pages: `limit` per
   * page (absent or 0: 200; at most 1000), `cursor` from the previous page's
   * `response_metadata.next_cursor`, which is "" on the last page. Ordered by user ID; the cursor
   * names the next page's first user, so users added between pages are not skipped or repeated.
   */
  private usersList(params: Record<string, unknown>): SlackAnswer {
    const limit = limitParam(params, 200, 1000);
    const cursor = str(params, "cursor");
    const from = cursor === undefined ? undefined : decodeCursor(cursor, "user");
    if (cursor !== undefined && from === undefined) return fail("invalid_cursor");
    const all = [...this.users.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const start = from === undefined ? 0 : all.findIndex((u) => u.id >= from);
    const rest = start === -1 ? [] : all.slice(start);
    const page = rest.slice(0, limit);
    const next = rest[limit];
    const includeLocale = truthy(params, "include_locale");
    return {
      ok: true,
      members: page.map((u) => this.userObject(u, includeLocale)),
      cache_ts: Math.floor(Date.now() / 1000),
      response_metadata: { next_cursor: next === undefined ? "" : encodeCursor("user", next.id) },
    };
  }

  /** Slack accepts a channel ID, a user ID (→ the DM) or a channel name. */
  private resolveChannel(channel: string | undefined): string | undefined {
    if (channel === undefined) return undefined;
    if (/^[UW][A-Z0-9]+$/.test(channel)) return this.dmChannelFor(channel);
    if (/^[CGD][A-Z0-9]+$/.test(channel)) return channel;
    const name = channel.replace(/^#/, "");
    return [...this.channels.values()].find((c) => c.name === name)?.id;
  }

  /** `includeMetadata`: conversations.history's `include_all_metadata`; other answers leave it out. */
  private messageObject(m: StoredMessage, includeMetadata = false): SlackAnswer {
    return {
      type: "message",
      text: m.text,
      user: m.user,
      ts: m.ts,
      team: this.team.id,
      ...(m.botId !== undefined ? { bot_id: m.botId } : {}),
      ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
      // Slack numbers attachments; the spec requires that id.
      ...(m.attachments !== undefined
        ? { attachments: m.attachments.map((a, i) => ({ id: i + 1, ...(a as object) })) }
        : {}),
      ...(m.threadTs !== undefined ? { thread_ts: m.threadTs } : {}),
      ...(m.files !== undefined
        ? { files: m.files.map((id) => ({ id, name: this.files.get(id)?.name ?? "" })), upload: true }
        : {}),
      ...(includeMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
    };
  }

  private chatPostMessage(params: Record<string, unknown>): SlackAnswer {
    const channel = this.resolveChannel(str(params, "channel"));
    if (channel === undefined) return fail("channel_not_found");
    const blocks = arrayParam(params, "blocks");
    const attachments = arrayParam(params, "attachments");
    const text = str(params, "text");
    if (text === undefined && blocks === undefined && attachments === undefined) return fail("no_text");
    // WebClient sends metadata JSON-encoded like blocks; parseParams decoded it (or left bad JSON as text).
    const metadata = params["metadata"];
    if (metadata !== undefined && metadata !== "" && !isMessageMetadata(metadata))
      return fail("invalid_metadata_format");
    const threadTs = str(params, "thread_ts");
    const stored: StoredMessage = {
      channel,
      ts: this.nextTs(),
      text: text ?? "",
      user: this.bot.userId,
      botId: this.bot.botId,
      ...(blocks !== undefined ? { blocks } : {}),
      ...(attachments !== undefined ? { attachments } : {}),
      ...(isMessageMetadata(metadata) ? { metadata } : {}),
      ...(threadTs !== undefined ? { threadTs } : {}),
      deleted: false,
      edited: false,
    };
    this.messages.push(stored);
    return { ok: true, channel, ts: stored.ts, message: this.messageObject(stored) };
  }

  /**
   * Looks up a message the bot may change. Strict on purpose: updating with the user ID instead of
   * the DM channel ID, or a ts that was never posted, fails on real Slack too.
   */
  private ownMessage(params: Record<string, unknown>): { message: StoredMessage } | { error: string } {
    const channel = str(params, "channel");
    const ts = str(params, "ts");
    if (channel === undefined || !/^[CGD]/.test(channel)) return { error: "channel_not_found" };
    const message = ts === undefined ? undefined : this.findMessage(channel, ts);
    if (message === undefined) return { error: "message_not_found" };
    if (message.user !== this.bot.userId) return { error: "not_own_message" };
    return { message };
  }

  private chatUpdate(params: Record<string, unknown>): SlackAnswer {
    const lookup = this.ownMessage(params);
    if ("error" in lookup)
      return fail(lookup.error === "not_own_message" ? "cant_update_message" : lookup.error);
    const found = lookup.message;
    const text = str(params, "text");
    const blocks = arrayParam(params, "blocks");
    const attachments = arrayParam(params, "attachments");
    // Slack keeps the previous blocks/attachments unless new ones are given.
    if (text !== undefined) found.text = text;
    if (blocks !== undefined) found.blocks = blocks;
    if (attachments !== undefined) found.attachments = attachments;
    found.edited = true;
    return {
      ok: true,
      channel: found.channel,
      ts: found.ts,
      text: found.text,
      message: this.messageObject(found),
    };
  }

  private chatDelete(params: Record<string, unknown>): SlackAnswer {
    const lookup = this.ownMessage(params);
    if ("error" in lookup)
      return fail(lookup.error === "not_own_message" ? "cant_delete_message" : lookup.error);
    lookup.message.deleted = true;
    return { ok: true, channel: lookup.message.channel, ts: lookup.message.ts };
  }

  private chatPostEphemeral(params: Record<string, unknown>): SlackAnswer {
    const channel = this.resolveChannel(str(params, "channel"));
    if (channel === undefined) return fail("channel_not_found");
    const user = str(params, "user");
    if (user === undefined) return fail("user_not_in_channel");
    const blocks = arrayParam(params, "blocks");
    const threadTs = str(params, "thread_ts");
    const ts = this.nextTs();
    this.shown.push({
      channel,
      ts,
      text: str(params, "text") ?? "",
      ...(blocks !== undefined ? { blocks } : {}),
      visibleTo: user,
      ...(threadTs !== undefined ? { threadTs } : {}),
    });
    return { ok: true, message_ts: ts };
  }

  private chatGetPermalink(params: Record<string, unknown>): SlackAnswer {
    const channel = str(params, "channel");
    const ts = str(params, "message_ts");
    if (channel === undefined || ts === undefined || this.findMessage(channel, ts) === undefined)
      return fail("message_not_found");
    return {
      ok: true,
      channel,
      permalink: `https://${this.team.domain}.slack.com/archives/${channel}/p${ts.replace(".", "")}`,
    };
  }

  private newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${randomUUID().replace(/-/g, "").slice(0, 8)}`;
  }

  /** The view object Slack echoes back: the payload plus ids, state and defaults. */
  private viewObject(stored: StoredView): SlackAnswer {
    const view = stored.view;
    return {
      id: stored.id,
      team_id: this.team.id,
      type: view["type"] ?? "modal",
      blocks: view["blocks"] ?? [],
      private_metadata: view["private_metadata"] ?? "",
      callback_id: view["callback_id"] ?? "",
      state: { values: {} },
      hash: stored.hash,
      title: view["title"] ?? null,
      clear_on_close: view["clear_on_close"] ?? false,
      notify_on_close: view["notify_on_close"] ?? false,
      close: view["close"] ?? null,
      submit: view["submit"] ?? null,
      previous_view_id: stored.previousViewId,
      root_view_id: stored.rootViewId,
      app_id: this.bot.appId,
      external_id: view["external_id"] ?? "",
      app_installed_team_id: this.team.id,
      bot_id: this.bot.botId,
    };
  }

  private viewsOpen(params: Record<string, unknown>, mode: "push" | null): SlackAnswer {
    const view = objectParam(params, "view");
    if (str(params, "trigger_id") === undefined) return fail("invalid_trigger_id");
    if (view === undefined) return fail("invalid_arguments");
    const id = this.newId("V");
    const previous = mode === "push" ? [...this.views.values()].at(-1) : undefined;
    const stored: StoredView = {
      id,
      view,
      hash: this.newHash(),
      triggerId: str(params, "trigger_id"),
      rootViewId: previous?.rootViewId ?? id,
      previousViewId: previous?.id ?? null,
    };
    this.views.set(id, stored);
    return { ok: true, view: this.viewObject(stored) };
  }

  private viewsUpdate(params: Record<string, unknown>): SlackAnswer {
    const view = objectParam(params, "view");
    if (view === undefined) return fail("invalid_arguments");
    const viewId = str(params, "view_id");
    const externalId = str(params, "external_id");
    const stored = [...this.views.values()].find((v) =>
      viewId !== undefined
        ? v.id === viewId
        : externalId !== undefined && v.view["external_id"] === externalId,
    );
    if (stored === undefined) return fail("not_found");
    const hash = str(params, "hash");
    if (hash !== undefined && hash !== stored.hash) return fail("hash_conflict");
    stored.view = view;
    stored.hash = this.newHash();
    return { ok: true, view: this.viewObject(stored) };
  }

  private viewsPublish(params: Record<string, unknown>): SlackAnswer {
    const view = objectParam(params, "view");
    const userId = str(params, "user_id");
    if (view === undefined || userId === undefined) return fail("invalid_arguments");
    let stored = [...this.views.values()].find((v) => v.userId === userId);
    if (stored === undefined) {
      const id = this.newId("V");
      stored = { id, view, hash: this.newHash(), userId, rootViewId: id, previousViewId: null };
      this.views.set(id, stored);
    }
    stored.view = view;
    stored.hash = this.newHash();
    return { ok: true, view: this.viewObject(stored) };
  }

  private channelObject(channel: LocalChannel, includeNumMembers: boolean): SlackAnswer {
    const isPrivate = channel.isPrivate ?? false;
    const creator = channel.members?.[0] ?? this.bot.userId;
    const about = (value: string | undefined): SlackAnswer => ({
      value: value ?? "",
      creator: value === undefined ? "" : creator,
      last_set: value === undefined ? 0 : CREATED_AT,
    });
    return {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      created: CREATED_AT,
      creator,
      is_channel: !isPrivate,
      is_group: isPrivate,
      is_im: false,
      is_mpim: false,
      is_private: isPrivate,
      is_archived: false,
      is_general: false,
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      is_pending_ext_shared: false,
      is_member: (channel.members ?? []).includes(this.bot.userId),
      unlinked: 0,
      parent_conversation: null,
      previous_names: [],
      topic: about(channel.topic),
      purpose: about(channel.purpose),
      ...(includeNumMembers ? { num_members: channel.members?.length ?? 0 } : {}),
    };
  }

  private imObject(id: string, userId: string): SlackAnswer {
    const deleted = this.users.get(userId)?.deleted ?? false;
    return {
      id,
      created: CREATED_AT,
      is_im: true,
      is_org_shared: false,
      user: userId,
      is_user_deleted: deleted,
      priority: 0,
      is_archived: false,
      is_open: true,
    };
  }

  private dmPartner(channelId: string): string | undefined {
    return [...this.dms.entries()].find(([, id]) => id === channelId)?.[0];
  }

  private conversationsInfo(params: Record<string, unknown>): SlackAnswer {
    const id = str(params, "channel") ?? "";
    const channel = this.channels.get(id);
    if (channel !== undefined)
      return { ok: true, channel: this.channelObject(channel, truthy(params, "include_num_members")) };
    const partner = this.dmPartner(id);
    if (partner !== undefined) return { ok: true, channel: this.imObject(id, partner) };
    return fail("channel_not_found");
  }

  /** Cursor pagination like Slack's: the cursor is opaque (here: base64 of the next offset). */
  private conversationsMembers(params: Record<string, unknown>): SlackAnswer {
    const id = str(params, "channel") ?? "";
    const partner = this.dmPartner(id);
    const members =
      this.channels.get(id)?.members ?? (partner !== undefined ? [partner, this.bot.userId] : undefined);
    if (members === undefined) return fail("channel_not_found");
    const limit = Number(str(params, "limit") ?? 100) || 100;
    const cursor = str(params, "cursor");
    const offset = cursor === undefined ? 0 : Number(Buffer.from(cursor, "base64").toString("utf8"));
    const page = members.slice(offset, offset + limit);
    const next =
      offset + limit < members.length ? Buffer.from(String(offset + limit)).toString("base64") : "";
    return { ok: true, members: page, response_metadata: { next_cursor: next } };
  }

  /**
   * A channel's history as Slack gives it: newest first, live messages only, top-level messages and
   * thread parents (replies stay in their thread). `oldest`/`latest` bound the window (exclusive
   * unless `inclusive`; `latest` absent means no upper bound, since the fake's ts may run ahead of
   * the clock), `limit` per page (default 100, at most 999), `cursor` from
   * `response_metadata.next_cursor`, which is only there while `has_more`. `include_all_metadata`
   * adds each message's `metadata`. The channel must be a C/G/D ID the fake knows: an added channel,
   * a DM it handed out, or one that has messages.
   */
  private conversationsHistory(params: Record<string, unknown>): SlackAnswer {
    const channel = str(params, "channel");
    const known =
      channel !== undefined &&
      /^[CGD][A-Z0-9]+$/.test(channel) &&
      (this.channels.has(channel) ||
        this.dmPartner(channel) !== undefined ||
        this.messages.some((m) => m.channel === channel));
    if (!known) return fail("channel_not_found");
    const oldestParam = str(params, "oldest");
    const latestParam = str(params, "latest");
    const oldest = oldestParam === undefined ? 0 : tsMicros(oldestParam);
    if (oldest === undefined) return fail("invalid_ts_oldest");
    const latest = latestParam === undefined ? Number.POSITIVE_INFINITY : tsMicros(latestParam);
    if (latest === undefined) return fail("invalid_ts_latest");
    const inclusive = truthy(params, "inclusive");
    const cursor = str(params, "cursor");
    // The cursor holds the ts of the next page's newest message (inclusive), as Slack's "next_ts:…" does.
    const cursorTs = cursor === undefined ? undefined : decodeCursor(cursor, "next_ts");
    const from = cursorTs === undefined ? undefined : tsMicros(cursorTs);
    if (cursor !== undefined && from === undefined) return fail("invalid_cursor");

    const inWindow = (at: number): boolean =>
      (inclusive ? at >= oldest : at > oldest) &&
      (inclusive ? at <= latest : at < latest) &&
      (from === undefined || at <= from);
    const listed = this.messages
      .filter((m) => m.channel === channel && !m.deleted && (m.threadTs === undefined || m.threadTs === m.ts))
      .map((m) => ({ m, at: tsMicros(m.ts) ?? 0 }))
      .filter(({ at }) => inWindow(at))
      .sort((a, b) => b.at - a.at);
    const limit = limitParam(params, 100, 999);
    const page = listed.slice(0, limit);
    const next = listed[limit];
    const includeMetadata = truthy(params, "include_all_metadata");
    return {
      ok: true,
      messages: page.map(({ m }) => this.messageObject(m, includeMetadata)),
      has_more: next !== undefined,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      ...(next !== undefined
        ? { response_metadata: { next_cursor: encodeCursor("next_ts", next.m.ts) } }
        : {}),
    };
  }

  private conversationsOpen(params: Record<string, unknown>): SlackAnswer {
    const channel = str(params, "channel");
    if (channel !== undefined) return { ok: true, channel: { id: channel }, no_op: true, already_open: true };
    const users = (str(params, "users") ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter((u) => u !== "");
    if (users.length === 0) return fail("users_list_not_supplied");
    if (users.length > 1) return { ok: true, channel: { id: this.newId("G") } };
    const [user] = users as [string];
    const existed = this.dms.has(user);
    const id = this.dmChannelFor(user);
    const im = truthy(params, "return_im") ? this.imObject(id, user) : { id };
    return { ok: true, channel: im, ...(existed ? { no_op: true, already_open: true } : {}) };
  }

  private filesUpload(params: Record<string, unknown>): SlackAnswer {
    const content = params["file"] ?? params["content"];
    if (content === undefined) return fail("no_file_data");
    const id = this.newId("F");
    const name = str(params, "filename") ?? "file";
    const size = content instanceof Uint8Array ? content.length : Buffer.byteLength(String(content));
    const channels = (str(params, "channels") ?? "")
      .split(",")
      .map((c) => this.resolveChannel(c.trim()))
      .filter((c): c is string => c !== undefined);
    const now = Math.floor(Date.now() / 1000);
    const base = `https://files.slack.com/files-pri/${this.team.id}-${id}`;
    return {
      ok: true,
      file: {
        id,
        created: now,
        timestamp: now,
        name,
        title: str(params, "title") ?? name,
        mimetype: "text/plain",
        filetype: str(params, "filetype") ?? "text",
        pretty_type: "Plain Text",
        user: this.bot.userId,
        editable: true,
        size,
        mode: "snippet",
        is_external: false,
        external_type: "",
        is_public: channels.some((c) => c.startsWith("C")),
        public_url_shared: false,
        display_as_bot: false,
        username: "",
        url_private: `${base}/${name}`,
        url_private_download: `${base}/download/${name}`,
        permalink: `https://${this.team.domain}.slack.com/files/${this.bot.userId}/${id}/${name}`,
        permalink_public: `https://slack-files.com/${this.team.id}-${id}-0123456789`,
        channels: channels.filter((c) => c.startsWith("C")),
        groups: channels.filter((c) => c.startsWith("G")),
        ims: channels.filter((c) => c.startsWith("D")),
        comments_count: 0,
      },
    };
  }
  /** Step 1 of an upload: a file ID and the URL its bytes go to (files.getUploadURLExternal). */
  private filesGetUploadUrlExternal(params: Record<string, unknown>): SlackAnswer {
    const name = str(params, "filename");
    const length = Number(str(params, "length"));
    if (name === undefined || !Number.isInteger(length) || length < 0) return fail("invalid_arguments");
    const id = this.newId("F");
    this.files.set(id, { id, name, title: name, length, completed: false, channels: [] });
    return { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
  }

  /**
   * Step 3: finishes the uploads named in `files` ([{ id, title? }]) and shares them in one message
   * in `channel_id` (a user ID means the DM with them) when given; without it they stay private.
   * Only once per file, and only after its bytes arrived.
   */
  private filesCompleteUploadExternal(params: Record<string, unknown>): SlackAnswer {
    const list = arrayParam(params, "files");
    if (list === undefined || list.length === 0) return fail("invalid_arguments");
    const files: StoredFile[] = [];
    for (const item of list) {
      const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
      const file = typeof id === "string" ? this.files.get(id) : undefined;
      if (file === undefined || file.completed || file.content === undefined) return fail("file_not_found");
      const title = (item as { title?: unknown }).title;
      if (typeof title === "string" && title !== "") file.title = title;
      files.push(file);
    }
    const channelParam = str(params, "channel_id");
    const channel = channelParam === undefined ? undefined : this.resolveChannel(channelParam);
    if (channelParam !== undefined && channel === undefined) return fail("channel_not_found");
    for (const file of files) file.completed = true;
    if (channel !== undefined) {
      const threadTs = str(params, "thread_ts");
      for (const file of files) file.channels.push(channel);
      this.messages.push({
        channel,
        ts: this.nextTs(),
        text: str(params, "initial_comment") ?? "",
        user: this.bot.userId,
        botId: this.bot.botId,
        files: files.map((f) => f.id),
        ...(threadTs !== undefined ? { threadTs } : {}),
        deleted: false,
        edited: false,
      });
    }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  }
}
