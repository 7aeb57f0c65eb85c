/**
 * Slack's Socket Mode, faked beside the Web API fake: `apps.connections.open` (called with the
 * app-level token) hands out a ws:// URL on the fake's own port, the bot's Socket Mode client
 * connects to it and is greeted with `hello`, and a test sends it envelopes (a slash command, an
 * Events API event, an interaction) and gets back what the bot acknowledged, as Slack would.
 * Protocol: https://docs.slack.dev/apis/events-api/using-socket-mode
 */
import { randomUUID } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";
import type { FakeSlack } from "./fake-slack.ts";

export type EnvelopeType = "slash_commands" | "events_api" | "interactive";

export interface Acknowledged {
  envelopeId: string;
  /** What the bot put in its acknowledgement (an answer to a slash command, say), if anything. */
  payload: unknown;
  /** Milliseconds from sending the envelope to the acknowledgement. */
  ms: number;
}

const PATH = "/socket-mode";

export class FakeSocketMode {
  readonly tokens: string[] = [];
  private socket: WebSocket | undefined;
  private connected!: () => void;
  private readonly connection = new Promise<void>((resolve) => (this.connected = resolve));
  private readonly waiting = new Map<string, (ack: Acknowledged) => void>();
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(private readonly fake: FakeSlack) {}

  /** Serves Socket Mode on `fake`'s port. */
  static attach(fake: FakeSlack): FakeSocketMode {
    const mode = new FakeSocketMode(fake);
    fake.respondTo("apps.connections.open", (request) => {
      if (request.token === undefined || !request.token.startsWith("xapp-"))
        return { ok: false, error: "not_allowed_token_type" };
      mode.tokens.push(request.token);
      return { ok: true, url: `${fake.url.replace(/^http/, "ws")}${PATH}?ticket=${randomUUID()}` };
    });
    fake.httpServer.on("upgrade", (req, socket, head) => {
      if (!(req.url ?? "").startsWith(PATH)) return socket.destroy();
      mode.wss.handleUpgrade(req, socket, head, (ws) => mode.accept(ws));
    });
    return mode;
  }

  /** Resolves once a client has connected and been greeted. */
  whenConnected(): Promise<void> {
    return this.connection;
  }

  /** Sends one envelope and resolves with the bot's acknowledgement (rejects after `timeoutMs`). */
  send(type: EnvelopeType, payload: unknown, timeoutMs = 5_000): Promise<Acknowledged> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error("fake Socket Mode: no client connected"));
    const envelopeId = randomUUID();
    const sentAt = Date.now();
    return new Promise<Acknowledged>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(envelopeId);
        reject(new Error(`fake Socket Mode: envelope ${type} not acknowledged within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve({ ...ack, ms: Date.now() - sentAt });
      });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== "events_api",
          ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
        }),
      );
    });
  }

  /** Drops the bot's connection as Slack may at any time; the server stays up for it to reconnect. */
  dropConnections(): void {
    for (const client of this.wss.clients) client.terminate();
    this.socket = undefined;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.socket = ws;
    ws.on("message", (data) => {
      let message: { envelope_id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        return;
      }
      if (typeof message.envelope_id !== "string") return;
      this.waiting.get(message.envelope_id)?.({
        envelopeId: message.envelope_id,
        payload: message.payload,
        ms: 0,
      });
      this.waiting.delete(message.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "applink-fake", build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: this.fake.bot.appId },
      }),
    );
    this.connected();
  }
}
