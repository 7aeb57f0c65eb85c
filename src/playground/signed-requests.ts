/**
 * Builds and sends requests the way Slack sends them to a bot's HTTP endpoint (Bolt's /slack/events):
 * signed with the app's signing secret, with realistic slash-command, Events API and interactivity
 * payloads. Response URLs point at the local Slack so `respond()` lands there. The playground's page
 * and the end-to-end tests both deliver through this.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { InspectionResult, LocalSlack, StoredMessage } from "./local-slack.ts";

// ---------------------------------------------------------------------------------------------------
// Signing

export interface SignatureHeaders {
  "X-Slack-Request-Timestamp": string;
  "X-Slack-Signature": string;
}

/** Slack's v0 request signature: hex HMAC-SHA256 of "v0:<timestamp>:<raw body>" with the signing secret. */
export function signRequest(
  secret: string,
  body: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): SignatureHeaders {
  const digest = createHmac("sha256", secret).update(`v0:${timestampSeconds}:${body}`).digest("hex");
  return { "X-Slack-Request-Timestamp": String(timestampSeconds), "X-Slack-Signature": `v0=${digest}` };
}

// ---------------------------------------------------------------------------------------------------
// Types

export interface DriverResponse {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text ('' for Bolt's empty acks). */
  body: unknown;
  text: string;
  headers: Record<string, string>;
}

/** Answer to a request that carried a response_url: where the bot's `respond()` calls will land. */
export interface InteractionResponse extends DriverResponse {
  responseUrl: string;
  responseUrlId: string;
}

export interface EventResponse extends DriverResponse {
  envelope: EventEnvelope;
}

export type SlackEvent = { type: string } & Record<string, unknown>;

export interface EventEnvelope {
  token: string;
  team_id: string;
  /** Enterprise Grid: the organisation the workspace belongs to. */
  enterprise_id?: string;
  api_app_id: string;
  event: SlackEvent;
  type: "event_callback";
  event_id: string;
  event_time: number;
  authorizations: Array<Record<string, unknown>>;
  is_ext_shared_channel: boolean;
  event_context: string;
}

export interface SlackDriverOptions {
  /** The bot's events URL, e.g. http://127.0.0.1:<port>/slack/events. */
  url: string;
  signingSecret: string;
  teamId: string;
  slack: LocalSlack;
  /** Judges each event envelope before it is sent (the tests check Slack's schema); errors throw. */
  checkEnvelope?: (envelope: EventEnvelope) => InspectionResult;
  teamDomain?: string;
  /** Defaults to the local Slack's bot app ID. */
  appId?: string;
  /** Slack's legacy verification token, still present in payloads (Bolt ignores it). */
  verificationToken?: string;
  /**
   * The workspace belongs to an Enterprise Grid organisation that installed the app org-wide:
   * every request then names the organisation and says the install is org-wide.
   */
  enterprise?: { id: string; name: string };
}

export interface CommandInput {
  command: string;
  text: string;
  userId: string;
  channelId: string;
  triggerId?: string;
}

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface MessageInput {
  userId: string;
  channelId: string;
  text: string;
  threadTs?: string;
  ts?: string;
}

export interface BlockActionInput {
  actionId: string;
  value: string;
  userId: string;
  channelId: string;
  /** The message holding the button; defaults to the latest message the local Slack has in the channel. */
  messageTs?: string;
  threadTs?: string;
  /** Defaults to the block holding `actionId` in that message, if the local Slack knows the message. */
  blockId?: string;
  triggerId?: string;
  /** Send an overflow-menu choice with this option value instead of a button click. */
  selectedOption?: string;
  /**
   * The whole action as Slack describes it (a static select's `selected_option`, a date picker's
   * `selected_date`, ...): replaces the button or overflow action built from the fields above.
   */
  action?: { type: string } & Record<string, unknown>;
}

export interface ViewSubmissionInput {
  callbackId: string;
  privateMetadata: string;
  /** view.state.values: { [blockId]: { [actionId]: { type, value | selected_option | ... } } } */
  values: Record<string, Record<string, unknown>>;
  userId: string;
  /** Defaults to the latest view the local Slack opened with this callback_id (or a fresh id). */
  viewId?: string;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

async function send(url: string, body: string, headers: Record<string, string>): Promise<DriverResponse> {
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
  }
  return { status: response.status, body: parsed, text, headers: Object.fromEntries(response.headers) };
}

/** Slack's trigger_id shape: "<digits>.<digits>.<32 hex>". */
function newTriggerId(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString("hex")}`;
}

function channelType(channelId: string): string {
  if (channelId.startsWith("D")) return "im";
  if (channelId.startsWith("G")) return "group";
  return "channel";
}

/** The rich_text block Slack attaches to every message typed by a person. */
function richText(text: string): unknown[] {
  const blockId = randomBytes(3).toString("base64url").slice(0, 4);
  return [
    {
      type: "rich_text",
      block_id: blockId,
      elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
    },
  ];
}

/** Finds the block_id of the block whose element (or accessory) has this action_id. */
function blockIdOf(blocks: unknown[] | undefined, actionId: string): string | undefined {
  for (const block of blocks ?? []) {
    if (typeof block !== "object" || block === null) continue;
    const {
      block_id: blockId,
      elements,
      accessory,
    } = block as { block_id?: string; elements?: unknown[]; accessory?: unknown };
    const candidates = [...(Array.isArray(elements) ? elements : []), accessory];
    if (
      candidates.some(
        (el) =>
          typeof el === "object" && el !== null && (el as { action_id?: unknown }).action_id === actionId,
      )
    )
      return blockId;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// The driver

export class SlackDriver {
  private readonly url: string;
  private readonly signingSecret: string;
  private readonly teamId: string;
  private readonly teamDomain: string;
  private readonly appId: string;
  private readonly verificationToken: string;
  private readonly fake: LocalSlack;
  private readonly checkEnvelope: ((envelope: EventEnvelope) => InspectionResult) | undefined;
  private readonly enterprise: { id: string; name: string } | undefined;
  private eventCounter = 0;

  constructor(options: SlackDriverOptions) {
    this.url = options.url;
    this.signingSecret = options.signingSecret;
    this.teamId = options.teamId;
    this.fake = options.slack;
    this.checkEnvelope = options.checkEnvelope;
    this.teamDomain = options.teamDomain ?? options.slack.team.domain;
    this.appId = options.appId ?? options.slack.bot.appId;
    this.verificationToken = options.verificationToken ?? "legacy-verification-token";
    this.enterprise = options.enterprise;
  }

  /** What an interaction payload says about the organisation (null outside Enterprise Grid). */
  private get orgOfPayload() {
    return {
      enterprise: this.enterprise ? { id: this.enterprise.id, name: this.enterprise.name } : null,
      is_enterprise_install: this.enterprise !== undefined,
    };
  }

  /** POSTs a body signed with the driver's secret. */
  private post(
    body: string,
    contentType: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<DriverResponse> {
    return send(this.url, body, {
      "Content-Type": contentType,
      ...signRequest(this.signingSecret, body),
      ...extraHeaders,
    });
  }

  /** Sends a body as is, unsigned unless the given headers sign it: for malformed-request tests. */
  raw(body: string, headers: Record<string, string>): Promise<DriverResponse> {
    return send(this.url, body, headers);
  }

  private userName(userId: string): string {
    return this.fake.users.get(userId)?.name ?? userId.toLowerCase();
  }

  private userRef(userId: string): Record<string, string> {
    const name = this.userName(userId);
    return { id: userId, username: name, name, team_id: this.teamId };
  }

  private channelName(channelId: string): string {
    if (channelId.startsWith("D")) return "directmessage";
    return (
      this.fake.channels.get(channelId)?.name ??
      (channelId.startsWith("G") ? "privategroup" : channelId.toLowerCase())
    );
  }

  // ---- slash commands -----------------------------------------------------------------------------

  /** A slash command, form-encoded exactly like Slack's (field names and order), signed and sent. */
  async command(input: CommandInput): Promise<InteractionResponse> {
    const { body, responseUrl, responseUrlId } = this.commandBody(input);
    const response = await this.post(body, "application/x-www-form-urlencoded");
    return { ...response, responseUrl, responseUrlId };
  }

  /** The form body of a slash command, for tests that sign (or mis-sign) it themselves via `raw()`. */
  commandBody(input: CommandInput): { body: string; responseUrl: string; responseUrlId: string } {
    const responseUrlId = `command-${randomUUID()}`;
    const responseUrl = this.fake.responseUrl(responseUrlId, {
      userId: input.userId,
      channel: input.channelId,
    });
    const form = new URLSearchParams({
      token: this.verificationToken,
      team_id: this.teamId,
      team_domain: this.teamDomain,
      channel_id: input.channelId,
      channel_name: this.channelName(input.channelId),
      user_id: input.userId,
      user_name: this.userName(input.userId),
      command: input.command,
      text: input.text,
      api_app_id: this.appId,
      is_enterprise_install: String(this.enterprise !== undefined),
      ...(this.enterprise
        ? { enterprise_id: this.enterprise.id, enterprise_name: this.enterprise.name }
        : {}),
      response_url: responseUrl,
      trigger_id: input.triggerId ?? newTriggerId(),
    });
    return { body: form.toString(), responseUrl, responseUrlId };
  }

  // ---- Events API ---------------------------------------------------------------------------------

  /** Wraps an event in Slack's event_callback envelope (checked against Slack's schema) and sends it. */
  async event(event: SlackEvent, options: EventOptions = {}): Promise<EventResponse> {
    const envelope = this.envelope(event, options.eventId);
    const check = this.checkEnvelope?.(envelope) ?? { errors: [], warnings: [] };
    if (check.errors.length > 0)
      throw new Error(`SlackDriver built an invalid event envelope:\n  ${check.errors.join("\n  ")}`);
    const retryHeaders: Record<string, string> = {};
    if (options.retryNum !== undefined) {
      retryHeaders["X-Slack-Retry-Num"] = String(options.retryNum);
      retryHeaders["X-Slack-Retry-Reason"] = options.retryReason ?? "http_timeout";
    }
    const response = await this.post(JSON.stringify(envelope), "application/json", retryHeaders);
    return { ...response, envelope };
  }

  envelope(event: SlackEvent, eventId?: string): EventEnvelope {
    this.eventCounter += 1;
    const eventTs =
      typeof event["event_ts"] === "string"
        ? event["event_ts"]
        : typeof event["ts"] === "string"
          ? event["ts"]
          : this.fake.nextTs();
    return {
      token: this.verificationToken,
      team_id: this.teamId,
      ...(this.enterprise ? { enterprise_id: this.enterprise.id } : {}),
      api_app_id: this.appId,
      event: { ...event, event_ts: eventTs },
      type: "event_callback",
      event_id: eventId ?? `Ev${String(this.eventCounter).padStart(9, "0")}`,
      event_time: Math.floor(Number(eventTs)),
      // Replaced the deprecated authed_users: who the event is delivered to (our bot).
      authorizations: [
        {
          enterprise_id: this.enterprise?.id ?? null,
          team_id: this.teamId,
          user_id: this.fake.bot.userId,
          is_bot: true,
          is_enterprise_install: this.enterprise !== undefined,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(24).toString("base64url")}`,
    };
  }

  /** A `message` event as Slack delivers a person's message (send it with `event()`). */
  message(input: MessageInput): SlackEvent {
    const ts = input.ts ?? this.fake.nextTs();
    return {
      type: "message",
      client_msg_id: randomUUID(),
      text: input.text,
      user: input.userId,
      ts,
      blocks: richText(input.text),
      team: this.teamId,
      ...(input.threadTs !== undefined ? { thread_ts: input.threadTs } : {}),
      channel: input.channelId,
      event_ts: ts,
      channel_type: channelType(input.channelId),
    };
  }

  /** `message_changed`: the person edited message `ts` to `text`. */
  messageChanged(input: MessageInput & { ts: string; previousText?: string }): SlackEvent {
    const eventTs = this.fake.nextTs();
    const original = {
      type: "message",
      user: input.userId,
      ts: input.ts,
      team: this.teamId,
      ...(input.threadTs !== undefined ? { thread_ts: input.threadTs } : {}),
    };
    return {
      type: "message",
      subtype: "message_changed",
      message: {
        ...original,
        text: input.text,
        blocks: richText(input.text),
        client_msg_id: randomUUID(),
        edited: { user: input.userId, ts: eventTs },
      },
      previous_message: {
        ...original,
        text: input.previousText ?? "",
        blocks: richText(input.previousText ?? ""),
      },
      channel: input.channelId,
      hidden: true,
      ts: eventTs,
      event_ts: eventTs,
      channel_type: channelType(input.channelId),
    };
  }

  /** `message_deleted`: message `ts` (by `userId`) was deleted. */
  messageDeleted(input: {
    userId: string;
    channelId: string;
    ts: string;
    previousText?: string;
    threadTs?: string;
  }): SlackEvent {
    const eventTs = this.fake.nextTs();
    return {
      type: "message",
      subtype: "message_deleted",
      previous_message: {
        type: "message",
        user: input.userId,
        text: input.previousText ?? "",
        ts: input.ts,
        team: this.teamId,
        ...(input.threadTs !== undefined ? { thread_ts: input.threadTs } : {}),
      },
      channel: input.channelId,
      hidden: true,
      deleted_ts: input.ts,
      ts: eventTs,
      event_ts: eventTs,
      channel_type: channelType(input.channelId),
    };
  }

  /** `app_home_opened`: the person opened the bot's Home tab. */
  appHomeOpened(userId: string): SlackEvent {
    return {
      type: "app_home_opened",
      user: userId,
      channel: this.fake.dmChannelFor(userId),
      tab: "home",
      event_ts: this.fake.nextTs(),
    };
  }

  /** Slack's one-off check of the Request URL. */
  urlVerification(challenge: string): Promise<DriverResponse> {
    return this.post(
      JSON.stringify({ token: this.verificationToken, challenge, type: "url_verification" }),
      "application/json",
    );
  }

  // ---- interactivity ------------------------------------------------------------------------------

  private postPayload(payload: Record<string, unknown>): Promise<DriverResponse> {
    return this.post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "application/x-www-form-urlencoded",
    );
  }

  /** The message the button sits on, as the local Slack knows it (so blocks and ts are the bot's real ones). */
  private buttonMessage(channelId: string, messageTs: string | undefined): StoredMessage | undefined {
    if (messageTs !== undefined) return this.fake.findMessage(channelId, messageTs);
    return this.fake.messagesIn(channelId).at(-1);
  }

  /** A button click or overflow choice (`block_actions`) on a message in `channelId`. */
  async blockAction(input: BlockActionInput): Promise<InteractionResponse> {
    const known = this.buttonMessage(input.channelId, input.messageTs);
    const messageTs = input.messageTs ?? known?.ts ?? this.fake.nextTs();
    const threadTs = input.threadTs ?? known?.threadTs;
    const blockId =
      input.blockId ?? blockIdOf(known?.blocks, input.actionId) ?? randomBytes(3).toString("base64url");
    const responseUrlId = `action-${randomUUID()}`;
    const responseUrl = this.fake.responseUrl(responseUrlId, {
      userId: input.userId,
      channel: input.channelId,
      ...(threadTs !== undefined ? { threadTs } : {}),
    });
    const actionTs = this.fake.nextTs();
    const payload = {
      type: "block_actions",
      user: this.userRef(input.userId),
      api_app_id: this.appId,
      token: this.verificationToken,
      container: {
        type: "message",
        message_ts: messageTs,
        channel_id: input.channelId,
        is_ephemeral: false,
        ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      },
      trigger_id: input.triggerId ?? newTriggerId(),
      team: { id: this.teamId, domain: this.teamDomain },
      ...this.orgOfPayload,
      channel: { id: input.channelId, name: this.channelName(input.channelId) },
      message: {
        type: "message",
        user: known?.user ?? this.fake.bot.userId,
        ts: messageTs,
        bot_id: known?.botId ?? this.fake.bot.botId,
        app_id: this.appId,
        text: known?.text ?? "",
        team: this.teamId,
        blocks: known?.blocks ?? [],
        ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      },
      state: { values: {} },
      response_url: responseUrl,
      actions: [
        input.action !== undefined
          ? { action_id: input.actionId, block_id: blockId, action_ts: actionTs, ...input.action }
          : input.selectedOption !== undefined
            ? {
                action_id: input.actionId,
                block_id: blockId,
                selected_option: {
                  text: { type: "plain_text", text: input.selectedOption, emoji: true },
                  value: input.selectedOption,
                },
                type: "overflow",
                action_ts: actionTs,
              }
            : {
                action_id: input.actionId,
                block_id: blockId,
                text: { type: "plain_text", text: input.actionId, emoji: true },
                value: input.value,
                type: "button",
                action_ts: actionTs,
              },
      ],
    };
    const response = await this.postPayload(payload);
    return { ...response, responseUrl, responseUrlId };
  }

  /** A modal submission. Bolt answers 200 with '' or a JSON response_action (errors, update, ...). */
  async viewSubmission(input: ViewSubmissionInput): Promise<DriverResponse> {
    const opened = [...this.fake.views.values()]
      .filter((v) => v.view["callback_id"] === input.callbackId)
      .at(-1);
    const viewId = input.viewId ?? opened?.id ?? `V${randomBytes(5).toString("hex").toUpperCase()}`;
    const view = opened?.view ?? {};
    const payload = {
      type: "view_submission",
      team: { id: this.teamId, domain: this.teamDomain },
      user: this.userRef(input.userId),
      api_app_id: this.appId,
      token: this.verificationToken,
      trigger_id: newTriggerId(),
      view: {
        id: viewId,
        team_id: this.teamId,
        type: "modal",
        blocks: view["blocks"] ?? [],
        private_metadata: input.privateMetadata,
        callback_id: input.callbackId,
        state: { values: input.values },
        hash: opened?.hash ?? `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
        title: view["title"] ?? { type: "plain_text", text: "Lastword", emoji: true },
        clear_on_close: false,
        notify_on_close: false,
        close: view["close"] ?? null,
        submit: view["submit"] ?? { type: "plain_text", text: "Submit", emoji: true },
        previous_view_id: opened?.previousViewId ?? null,
        root_view_id: opened?.rootViewId ?? viewId,
        app_id: this.appId,
        external_id: view["external_id"] ?? "",
        app_installed_team_id: this.teamId,
        bot_id: this.fake.bot.botId,
      },
      response_urls: [],
      ...this.orgOfPayload,
    };
    const response = await this.postPayload(payload);
    // Slack shows the view the app answered with `response_action: update` in place of this one.
    const answer = response.body as { response_action?: unknown; view?: unknown } | null;
    if (opened && answer?.response_action === "update" && typeof answer.view === "object" && answer.view)
      opened.view = answer.view as Record<string, unknown>;
    return response;
  }
}
