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
import type { InstallationStore } from "../store/installation-store.ts";
import { cachedAuthorize } from "./authorize.ts";
import { createInstaller } from "./install/installer.ts";
import { WorkspaceClients } from "./workspace-clients.ts";
import type { SlackDeps } from "./deps.ts";
import { healthRoutes } from "./health.ts";
import { registerListeners } from "./listeners.ts";
import { measureRequests } from "./request-metrics.ts";
import { SocketModeStatus } from "./socket-mode-status.ts";

export interface SlackApp {
  app: App;
  /** Clients for work outside a request (the announcer, the directory), per workspace. */
  clients: WorkspaceClients;
  /**
   * For scheduled jobs: they do not wait out a 429 themselves (a long wait inside a job's claim
   * could outlast the claim's lease); the scheduler puts the job back until Retry-After instead.
   * They do not retry either: the scheduler does, after deliverOnce has checked what reached Slack.
   */
  jobClients: WorkspaceClients;
  /** Socket Mode only: whether the socket is connected. */
  socket: SocketModeStatus | undefined;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/**
 * Builds Bolt in HTTP mode (POST /slack/events), or Socket Mode when an app token is set. One
 * workspace uses SLACK_BOT_TOKEN; with the OAuth settings each workspace installs Lastword through
 * /slack/install and every call uses that workspace's own token.
 */
export function createSlackApp(
  config: Config,
  log: Logger,
  ops: { databaseAnswers: () => Promise<boolean>; metrics?: Metrics; installations?: InstallationStore },
  buildDeps: (clients: WorkspaceClients) => SlackDeps,
): SlackApp {
  const { databaseAnswers, metrics } = ops;
  const logger = boltLogger(log, config.logLevel);
  const clientOptions = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  const installer = config.slack.oauth
    ? createInstaller(config.slack.oauth, ops.installations!, {
        log,
        boltLogger: logger,
        clientOptions,
        locale: config.defaultLocale,
      })
    : undefined;
  const botToken = config.slack.botToken;
  const botTokenOf = installer ? installer.botTokenOf : async () => botToken!;
  const clients = new WorkspaceClients(botTokenOf, { ...clientOptions, logger });
  // No retries and a timeout: a call still in flight when its job's lease runs out could post a
  // DM that a second replica, finding no trace of it in the DM yet, posts again.
  const jobClients = new WorkspaceClients(botTokenOf, {
    ...clientOptions,
    logger,
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    retryConfig: { retries: 0 },
  });
  for (const [name, c] of [
    ["requests", clients],
    ["jobs", jobClients],
  ] as const)
    c.onCreated = (client) =>
      client.on(WebClientEvent.RATE_LIMITED, () => metrics?.rateLimited.inc({ client: name }));
  const socket = config.slack.appToken ? new SocketModeStatus(log) : undefined;
  const customRoutes = [...healthRoutes(databaseAnswers, socket, metrics), ...(installer?.routes ?? [])];
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
    authorize:
      installer?.authorize ??
      cachedAuthorize(new WebClient(botToken, { ...clientOptions, logger }), botToken!),
    clientOptions,
    logger,
    // The error handler gets the request's body, so it can tell the person (see request-failed.ts).
    extendedErrorHandler: true,
  });
  registerListeners(app, buildDeps(clients));
  if (metrics) measureRequests(app, metrics);

  return {
    app,
    clients,
    jobClients,
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
