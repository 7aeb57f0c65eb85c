import type { Authorize, CustomRoute, Logger as BoltLogger } from "@slack/bolt";
import { InstallProvider } from "@slack/oauth";
import type { WebClientOptions } from "@slack/web-api";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OAuthConfig } from "../../config.ts";
import { translator, type Translate } from "../../i18n/translate.ts";
import type { Locale } from "../../i18n/locales.ts";
import type { Logger } from "../../logger.ts";
import type { InstallationStore } from "../../store/installation-store.ts";
import { WorkspaceNotInstalled } from "../workspace-clients.ts";

/** The bot scopes Lastword asks for; manifest.yml lists the same (a test compares them). */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "users:read",
  "channels:history",
  "groups:history",
  "im:write",
  "im:history",
  "files:write",
];

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

export interface Installer {
  /** Bolt's authorize: the bot token of the workspace (or org) a request comes from. */
  authorize: Authorize<boolean>;
  /** The bot token for a workspace's scheduled work; refreshed first when rotation is on. */
  botTokenOf(workspaceId: string): Promise<string>;
  /** GET /slack/install and the redirect URL Slack sends the installer back to. */
  routes: CustomRoute[];
}

/**
 * Slack's OAuth flow through @slack/oauth: /slack/install sets a signed state in a cookie and
 * links to Slack; the redirect URL checks that state against the cookie (a link forged elsewhere
 * fails), exchanges the code with oauth.v2.access and stores the installation. Tokens are read
 * back through InstallProvider.authorize, which refreshes a rotating token that is about to run
 * out and stores the new one.
 */
export function createInstaller(
  oauth: OAuthConfig,
  store: InstallationStore,
  options: { log: Logger; boltLogger: BoltLogger; clientOptions: WebClientOptions; locale: Locale },
): Installer {
  const provider = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: store,
    installUrlOptions: {
      scopes: BOT_SCOPES,
      ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
    },
    logger: options.boltLogger,
    clientOptions: options.clientOptions,
  });
  const tr = translator(options.locale);

  const authorize: Authorize<boolean> = async (source) => {
    const result = await provider.authorize(source);
    // A workspace under an org-wide install: remember its org, for the jobs that know only the team.
    if (source.isEnterpriseInstall && source.teamId && source.enterpriseId)
      await store.noteWorkspace(source.teamId, source.enterpriseId);
    return result;
  };

  return {
    authorize,
    async botTokenOf(workspaceId) {
      const result = await provider
        .authorize({ teamId: workspaceId, enterpriseId: undefined, isEnterpriseInstall: false })
        .catch((err: unknown) => {
          options.log.debug("no installation", { workspaceId, err });
          return undefined;
        });
      if (!result?.botToken) throw new WorkspaceNotInstalled(workspaceId);
      return result.botToken;
    },
    routes: [
      {
        path: INSTALL_PATH,
        method: ["GET"],
        handler: (req, res) => void provider.handleInstallPath(req, res),
      },
      {
        path: REDIRECT_PATH,
        method: ["GET"],
        handler: (req, res) =>
          void provider.handleCallback(req, res, {
            success: (installation, _options, _req, response) => {
              options.log.info("installed", {
                workspaceId: installation.team?.id,
                enterpriseId: installation.enterprise?.id,
                orgWide: installation.isEnterpriseInstall ?? false,
                installer: installation.user.id,
              });
              page(response, 200, tr, "install.done");
            },
            failure: (error, _options, _req, response) => {
              options.log.warn("installation failed", { code: error.code, err: error.message });
              page(response, 400, tr, "install.failed");
            },
          }),
      },
    ],
  };
}

function page(
  res: ServerResponse<IncomingMessage>,
  status: number,
  tr: Translate,
  key: "install.done" | "install.failed",
): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>Lastword</title></head><body><p>${escapeHtml(tr(key))}</p></body></html>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
