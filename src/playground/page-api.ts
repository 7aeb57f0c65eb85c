import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CATALOGS } from "../i18n/translate.ts";
import { SUPPORTED_LOCALES, type Locale } from "../i18n/locales.ts";
import type { Logger } from "../logger.ts";
import type { MovableClock } from "./clock.ts";
import type { LocalSlack, ShownResponse, StoredMessage, StoredView } from "./local-slack.ts";
import type { SlackDriver } from "./signed-requests.ts";

/** What the page keeps besides the workspace: whose action opened which form, and which are closed. */
export interface PageState {
  language: Locale;
  /** trigger_id → the member whose action made it (so a form opens for that member only). */
  triggers: Array<[string, string]>;
  closedViews: string[];
}

export interface PageDeps {
  slack: LocalSlack;
  driver: SlackDriver;
  clock: MovableClock;
  log: Logger;
  timezone: string;
  state: PageState;
  /** Switches the demo team's names and Slack locale to `language`. */
  setLanguage(language: Locale): void;
  /** Something the page state holds changed: save it. */
  changed(): void;
}

const PAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "page");
const STATIC: Record<string, string> = {
  "/": "index.html",
  "/page/app.js": "app.js",
  "/page/blocks.js": "blocks.js",
  "/page/style.css": "style.css",
};
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

const userId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/);
const channelId = z.string().regex(/^[CGD][A-Z0-9]{2,20}$/);
const ts = z.string().regex(/^\d{1,10}\.\d{6}$/);
const text = z.string().trim().min(1).max(4000);

const sendInput = z.object({ as: userId, channel: channelId, threadTs: ts.optional(), text });
const editInput = z.object({ as: userId, channel: channelId, ts, text });
const actionInput = z.object({
  as: userId,
  channel: channelId,
  messageTs: ts,
  actionId: z.string().min(1).max(255),
  blockId: z.string().max(255).optional(),
  action: z.object({ type: z.string().min(1).max(50) }).catchall(z.unknown()),
});
const submitInput = z.object({
  as: userId,
  viewId: z.string().min(1).max(40),
  values: z.record(z.string(), z.record(z.string(), z.object({ type: z.string() }).catchall(z.unknown()))),
});
const viewInput = z.object({ as: userId, viewId: z.string().min(1).max(40) });
const homeInput = z.object({ as: userId });
const clockInput = z.union([
  z.object({ to: z.literal("next-quarter") }),
  z.object({
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 366),
  }),
]);
const languageInput = z.object({ language: z.enum(SUPPORTED_LOCALES) });

/** A message as the page shows it. */
interface PageMessage {
  ts: string;
  user: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  edited?: boolean;
  /** Only this member sees it ("Only visible to you"). */
  ephemeral?: boolean;
  /** Files shared with it (an export's minutes and ledger), to download. */
  files?: Array<{ id: string; name: string; title: string }>;
}

/**
 * The page's HTTP routes beside the local Slack's Web API: the static page, what one member sees
 * (GET /playground/api/state?as=U…), and what a member does (POST /playground/api/…), each
 * delivered to the bot exactly as Slack would deliver it.
 */
export function pageRoutes(deps: PageDeps) {
  const triggers = new Map(deps.state.triggers);
  const closed = new Set(deps.state.closedViews);
  const save = () => {
    deps.state.triggers = [...triggers];
    deps.state.closedViews = [...closed];
    deps.changed();
  };

  const newTrigger = (member: string): string => {
    const id = `${Date.now()}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString("hex")}`;
    triggers.set(id, member);
    save();
    return id;
  };

  /** The form open for `member`, if any: the newest one their actions opened and not closed since. */
  const modalFor = (member: string): StoredView | undefined =>
    [...deps.slack.views.values()]
      .filter(
        (v) => v.userId === undefined && v.triggerId !== undefined && triggers.get(v.triggerId) === member,
      )
      .filter((v) => !closed.has(v.id))
      .at(-1);

  const closeStack = (view: StoredView) => {
    for (const v of deps.slack.views.values()) if (v.rootViewId === view.rootViewId) closed.add(v.id);
    save();
  };

  const stateFor = (member: string) => {
    const { slack } = deps;
    const dm = slack.dmChannelFor(member);
    const own = (m: StoredMessage): PageMessage => ({
      ts: m.ts,
      user: m.user,
      text: m.text,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.threadTs && m.threadTs !== m.ts ? { threadTs: m.threadTs } : {}),
      ...(m.edited ? { edited: true } : {}),
      ...(m.files
        ? {
            files: m.files.flatMap((id) => {
              const f = slack.files.get(id);
              return f ? [{ id, name: f.name, title: f.title }] : [];
            }),
          }
        : {}),
    });
    const shown = (r: ShownResponse): PageMessage => ({
      ts: r.ts,
      user: slack.bot.userId,
      text: r.text,
      ...(r.blocks ? { blocks: r.blocks } : {}),
      ...(r.threadTs ? { threadTs: r.threadTs } : {}),
      ...(r.visibleTo ? { ephemeral: true } : {}),
    });
    const inChannel = (channel: string): PageMessage[] =>
      [
        ...slack.messagesIn(channel).map(own),
        ...slack.shown
          .filter((r) => r.channel === channel && (r.visibleTo === undefined || r.visibleTo === member))
          .map(shown),
      ].sort((a, b) => Number(a.ts) - Number(b.ts));
    const home = [...slack.views.values()].find((v) => v.userId === member);
    const modal = modalFor(member);
    return {
      me: member,
      language: deps.state.language,
      clock: deps.clock.now().toISOString(),
      timezone: slack.users.get(member)?.tz ?? deps.timezone,
      bot: { id: slack.bot.userId, name: slack.bot.name },
      users: [...slack.users.values()].map((u) => ({
        id: u.id,
        name: u.name,
        realName: u.realName ?? u.name,
        isBot: u.isBot ?? false,
      })),
      channels: [...slack.channels.values()].map((c) => ({ id: c.id, name: c.name })),
      messages: Object.fromEntries([...slack.channels.keys()].map((id) => [id, inChannel(id)])),
      dm: { channel: dm, messages: inChannel(dm) },
      home: home ? home.view : null,
      modal: modal ? { id: modal.id, view: modal.view } : null,
    };
  };

  /** Slack turns `@handle` into a mention and escapes &, < and > in what a person types. */
  const asSlackText = (typed: string, escapedMentions: boolean): string => {
    const escaped = typed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return escaped.replace(/@([\p{L}\p{N}._-]+)/gu, (whole, handle: string) => {
      const user = [...deps.slack.users.values()].find((u) => u.name === handle || u.realName === handle);
      if (!user) return whole;
      return escapedMentions ? `<@${user.id}|${user.name}>` : `<@${user.id}>`;
    });
  };

  const known = (member: string) => deps.slack.users.has(member) && !deps.slack.users.get(member)?.isBot;

  const handlers: Record<string, (body: unknown) => Promise<unknown>> = {
    async send(body) {
      const input = sendInput.parse(body);
      if (!known(input.as)) return { error: "unknown_member" };
      const slash = /^\/([a-z][a-z0-9_-]*)(?:\s+([\s\S]*))?$/.exec(input.text);
      if (slash) {
        const sent = await deps.driver.command({
          command: `/${slash[1]}`,
          text: asSlackText(slash[2] ?? "", true),
          userId: input.as,
          channelId: input.channel,
          triggerId: newTrigger(input.as),
        });
        return { status: sent.status };
      }
      const stored = deps.slack.addMessage({
        channel: input.channel,
        text: asSlackText(input.text, false),
        user: input.as,
        ...(input.threadTs ? { threadTs: input.threadTs } : {}),
      });
      const sent = await deps.driver.event(
        deps.driver.message({
          userId: input.as,
          channelId: input.channel,
          text: stored.text,
          ts: stored.ts,
          ...(input.threadTs ? { threadTs: input.threadTs } : {}),
        }),
      );
      return { status: sent.status, ts: stored.ts };
    },
    async edit(body) {
      const input = editInput.parse(body);
      const message = deps.slack.findMessage(input.channel, input.ts);
      if (!message || message.user !== input.as) return { error: "cant_update_message" };
      const previousText = message.text;
      message.text = asSlackText(input.text, false);
      message.edited = true;
      const sent = await deps.driver.event(
        deps.driver.messageChanged({
          userId: input.as,
          channelId: input.channel,
          ts: input.ts,
          text: message.text,
          previousText,
          ...(message.threadTs ? { threadTs: message.threadTs } : {}),
        }),
      );
      return { status: sent.status };
    },
    async action(body) {
      const input = actionInput.parse(body);
      if (!known(input.as)) return { error: "unknown_member" };
      const value = typeof input.action["value"] === "string" ? input.action["value"] : "";
      const sent = await deps.driver.blockAction({
        actionId: input.actionId,
        value,
        userId: input.as,
        channelId: input.channel,
        messageTs: input.messageTs,
        ...(input.blockId ? { blockId: input.blockId } : {}),
        triggerId: newTrigger(input.as),
        action: input.action,
      });
      return { status: sent.status };
    },
    async submit(body) {
      const input = submitInput.parse(body);
      const view = modalFor(input.as);
      if (!view || view.id !== input.viewId) return { error: "view_not_found" };
      const sent = await deps.driver.viewSubmission({
        callbackId: String(view.view["callback_id"] ?? ""),
        privateMetadata: String(view.view["private_metadata"] ?? ""),
        values: input.values,
        userId: input.as,
        viewId: view.id,
      });
      const answer = (typeof sent.body === "object" && sent.body !== null ? sent.body : {}) as Record<
        string,
        unknown
      >;
      if (answer["response_action"] === "errors") return { errors: answer["errors"] ?? {} };
      if (answer["response_action"] === "update" && typeof answer["view"] === "object" && answer["view"]) {
        view.view = answer["view"] as Record<string, unknown>;
        deps.changed();
        return { updated: true };
      }
      closeStack(view);
      return { closed: true };
    },
    async close(body) {
      const input = viewInput.parse(body);
      const view = deps.slack.views.get(input.viewId);
      if (view?.triggerId && triggers.get(view.triggerId) === input.as) closeStack(view);
      return { closed: true };
    },
    async home(body) {
      const input = homeInput.parse(body);
      const sent = await deps.driver.event(deps.driver.appHomeOpened(input.as));
      return { status: sent.status };
    },
    async clock(body) {
      const input = clockInput.parse(body);
      const target =
        "to" in input
          ? deps.clock.nextQuarterStart(deps.timezone)
          : new Date(deps.clock.now().getTime() + input.hours * 3_600_000);
      deps.clock.moveTo(target);
      deps.log.info("playground clock moved", { to: deps.clock.now().toISOString() });
      deps.changed();
      return { clock: deps.clock.now().toISOString() };
    },
    async language(body) {
      const input = languageInput.parse(body);
      deps.setLanguage(input.language);
      deps.changed();
      return { language: input.language };
    },
  };

  const strings = Object.fromEntries(
    SUPPORTED_LOCALES.map((locale) => [
      locale,
      Object.fromEntries(Object.entries(CATALOGS[locale]).filter(([key]) => key.startsWith("playground."))),
    ]),
  );

  return async (req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<boolean> => {
    const file = STATIC[url.pathname];
    if (req.method === "GET" && file) {
      const content = await readFile(path.join(PAGE_DIR, file));
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)]!,
        "cache-control": "no-store",
        // The page runs only its own scripts: nothing a message says can run as code.
        "content-security-policy":
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
      });
      res.end(content);
      return true;
    }
    const download = /^\/playground\/files\/(F[A-Z0-9]+)$/.exec(url.pathname)?.[1];
    if (req.method === "GET" && download) {
      // A shared file, as Slack's download would give it: an attachment, never shown as a page.
      const shared = deps.slack.files.get(download);
      if (!shared?.completed || !shared.content) json(res, 404, { error: "file_not_found" });
      else {
        res.writeHead(200, {
          "content-type": "application/octet-stream",
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(shared.name)}`,
          "x-content-type-options": "nosniff",
        });
        res.end(shared.content);
      }
      return true;
    }
    if (req.method === "GET" && url.pathname === "/playground/api/strings") {
      json(res, 200, strings);
      return true;
    }
    if (req.method === "GET" && url.pathname === "/playground/api/state") {
      const member = userId.safeParse(url.searchParams.get("as"));
      if (!member.success || !known(member.data)) json(res, 400, { error: "unknown_member" });
      else json(res, 200, stateFor(member.data));
      return true;
    }
    const name = /^\/playground\/api\/([a-z]+)$/.exec(url.pathname)?.[1];
    const handler = name === undefined ? undefined : handlers[name];
    if (req.method !== "POST" || handler === undefined) return false;
    // A page from another site must not act here: only same-origin JSON posts are taken.
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) {
      json(res, 415, { error: "expected_json" });
      return true;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      json(res, 400, { error: "invalid_json" });
      return true;
    }
    try {
      json(res, 200, await handler(body));
    } catch (err) {
      if (err instanceof z.ZodError) json(res, 400, { error: "invalid_input", issues: err.issues.length });
      else {
        deps.log.error("playground request failed", { err, path: url.pathname });
        json(res, 500, { error: "internal_error" });
      }
    }
    return true;
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
