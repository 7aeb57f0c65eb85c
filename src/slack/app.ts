import {
  App,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  type Logger as BoltLogger,
  type Receiver,
} from "@slack/bolt";
import { WebClient, WebClientEvent } from "@slack/web-api";
import type { Server } from "node:http";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { cachedAuthorize } from "./authorize.ts";
import type { SlackDeps } from "./deps.ts";
import { healthRoutes } from "./health.ts";
import { registerListeners } from "./listeners.ts";
import { measureRequests } from "./request-metrics.ts";
import { SocketModeStatus } from "./socket-mode-status.ts";

export interface SlackApp {
  app: App;
  client: WebClient;
  /**
   * For scheduled jobs: it does not wait out a 429 itself (a long wait inside a job's claim could
   * outlast the claim's lease); the scheduler puts the job back until Retry-After instead. It does
   * not retry either: the scheduler does, after deliverOnce has checked what reached Slack.
   */
  jobsClient: WebClient;
  /** Socket Mode only: whether the socket is connected. */
  socket: SocketModeStatus | undefined;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/** Builds Bolt in HTTP mode (POST /slack/events), or Socket Mode when an app token is set. */
export function createSlackApp(
  config: Config,
  log: Logger,
  ops: { databaseAnswers: () => Promise<boolean>; metrics?: Metrics },
  buildDeps: (client: WebClient) => SlackDeps,
): SlackApp {
  const { databaseAnswers, metrics } = ops;
  const logger = boltLogger(log, config.logLevel);
  const clientOptions = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  const client = new WebClient(config.slack.botToken, { ...clientOptions, logger });
  // No retries and a timeout: a call still in flight when its job's lease runs out could post a
  // DM that a second replica, finding no trace of it in the DM yet, posts again.
  const jobsClient = new WebClient(config.slack.botToken, {
    ...clientOptions,
    logger,
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    retryConfig: { retries: 0 },
  });
  for (const [name, c] of [
    ["requests", client],
    ["jobs", jobsClient],
  ] as const)
    c.on(WebClientEvent.RATE_LIMITED, () => metrics?.rateLimited.inc({ client: name }));
  const socket = config.slack.appToken ? new SocketModeStatus(log) : undefined;
  const customRoutes = healthRoutes(databaseAnswers, socket, metrics);
  let httpReceiver: HTTPReceiver | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  let receiver: Receiver;
  if (config.slack.appToken && socket) {
    // clientOptions: apps.connections.open goes to SLACK_API_URL too, like every other call.
    socketReceiver = new SocketModeReceiver({
      appToken: config.slack.appToken,
      customRoutes,
      installerOptions: { port: config.port, clientOptions },
      logger: boltLogger(log, config.logLevel, (line) => socket.failure(line)),
    });
    socket.watch(socketReceiver.client);
    receiver = socketReceiver;
  } else {
    httpReceiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret!,
      customRoutes,
      logger,
      // Answer Slack as soon as a listener acks; the slow work follows (Slack retries after 3 s).
      processBeforeResponse: false,
    });
    receiver = httpReceiver;
  }
  const app = new App({
    receiver,
    authorize: cachedAuthorize(client, config.slack.botToken),
    clientOptions,
    logger,
    // The error handler gets the request's body, so it can tell the person (see request-failed.ts).
    extendedErrorHandler: true,
  });
  registerListeners(app, buildDeps(client));
  if (metrics) measureRequests(app, metrics);

  return {
    app,
    client,
    jobsClient,
    socket,
    async start() {
      const started = (await app.start(config.port)) as unknown as Server | undefined;
      // Socket Mode: the HTTP server (for /readyz and /metrics only) is the receiver's own, and
      // Bolt keeps it private; its port is needed when PORT=0 asked for any free one.
      const server = socketReceiver
        ? (socketReceiver as unknown as { httpServer?: Server }).httpServer
        : started;
      const address = server?.address?.();
      return { port: typeof address === "object" && address ? address.port : config.port };
    },
    stop: () => app.stop() as Promise<void>,
  };
}

/**
 * Bolt and the Web API client log whole request and response bodies at debug level. A body can
 * hold a secret ballot's choices or a voter's receipt code, which must never reach a log at any
 * level: keep the message's label and drop what follows.
 */
export function redactPayloads(message: string): string {
  const brace = message.search(/[{[]/);
  return brace === -1 ? message : `${message.slice(0, brace).trimEnd()} [payload not logged]`;
}

/**
 * Bolt's and the Web API client's logs, as our JSON lines. `failure` may take a warning or an error
 * over (the Socket Mode client's connection failures, see SocketModeStatus).
 */
function boltLogger(
  log: Logger,
  level: Config["logLevel"],
  failure: (line: string) => boolean = () => false,
): BoltLogger {
  const levels: Record<Config["logLevel"], LogLevel> = {
    debug: LogLevel.DEBUG,
    info: LogLevel.INFO,
    warn: LogLevel.WARN,
    error: LogLevel.ERROR,
  };
  const join = (msg: unknown[]) => msg.map(String).join(" ");
  return {
    debug: (...m) => log.debug(redactPayloads(join(m)), { source: "bolt" }),
    info: (...m) => log.info(redactPayloads(join(m)), { source: "bolt" }),
    warn: (...m) => failure(join(m)) || log.warn(redactPayloads(join(m)), { source: "bolt" }),
    error: (...m) => failure(join(m)) || log.error(redactPayloads(join(m)), { source: "bolt" }),
    setLevel: () => undefined,
    getLevel: () => levels[level],
    setName: () => undefined,
  };
}
