/**
 * Several fake Slack workspaces behind one Web API URL, and Slack's side of the OAuth flow.
 *
 * Slack serves every workspace from one API and tells them apart by the token; a bot installed in
 * two workspaces therefore has one SLACK_API_URL. This routes each call to the fake workspace whose
 * token it carries (oauth.v2.access, which carries no token, by its code), so each fake sees only
 * the calls made for it. A token this router never issued, or one revoked since, is refused with
 * `invalid_auth`, as Slack refuses it.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeSlack } from "./fake-slack.ts";

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  appId: string;
}

/**
 * Token rotation, when the app turns it on: every bot token runs out `lifetimeSeconds` after it was
 * issued (by the real clock, which is the one @slack/oauth reads) and comes with a refresh token.
 */
export interface Rotation {
  lifetimeSeconds: number;
}

/** An Enterprise Grid organisation installing the app for all its workspaces at once. */
export interface Org {
  id: string;
  name: string;
}

interface Grant {
  fake: FakeSlack;
  installerId: string;
  scopes: string[];
  used: boolean;
  orgWide: Org | undefined;
}

export class FakeWorkspaces {
  private readonly grants = new Map<string, Grant>();
  private readonly tokens = new Map<string, FakeSlack>();
  private readonly revoked = new Map<string, FakeSlack>();
  private readonly refreshTokens = new Map<string, FakeSlack>();
  private readonly expiresAt = new Map<string, number>();
  private readonly scopesOf = new Map<FakeSlack, string[]>();
  /** Bot tokens refreshed with a refresh token, in order: what rotation did. */
  readonly refreshed: Array<{ fake: FakeSlack; token: string }> = [];
  /** Calls refused because their token was revoked, by workspace: what a bot sent after an uninstall. */
  readonly refused: Array<{ fake: FakeSlack; method: string }> = [];
  private baseUrl = "";

  private constructor(
    private readonly server: Server,
    readonly app: OAuthApp,
    private readonly rotation: Rotation | undefined,
  ) {}

  static async start(fakes: FakeSlack[], app: OAuthApp, rotation?: Rotation): Promise<FakeWorkspaces> {
    const server = createServer();
    const router = new FakeWorkspaces(server, app, rotation);
    for (const fake of fakes)
      fake.respondTo("oauth.v2.access", (request) => router.exchange(fake, request.params));
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      router.route(req, res).catch((err: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    router.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return router;
  }

  /** For the bot's SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /**
   * What Slack does when `installerId` approves the app on its authorize page: a one-time code that
   * the redirect URL exchanges for the workspace's bot token.
   */
  grant(fake: FakeSlack, installerId: string, scopes: string[], orgWide?: Org): string {
    const code = `code-${fake.team.id}-${randomUUID()}`;
    this.grants.set(code, { fake, installerId, scopes, used: false, orgWide });
    return code;
  }

  /** The workspace's admin removed the app: its tokens stop working. */
  revokeTokens(fake: FakeSlack): void {
    for (const [token, owner] of this.tokens)
      if (owner === fake) {
        this.tokens.delete(token);
        this.revoked.set(token, owner);
      }
  }

  /** Tokens issued to `fake`'s workspace and not revoked. */
  tokensOf(fake: FakeSlack): string[] {
    return [...this.tokens].filter(([, owner]) => owner === fake).map(([token]) => token);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** oauth.v2.access as Slack answers it for a bot install, or for a refresh under rotation. */
  private exchange(fake: FakeSlack, params: Record<string, unknown>): Record<string, unknown> {
    if (params.client_id !== this.app.clientId || params.client_secret !== this.app.clientSecret)
      return { ok: false, error: "invalid_client_id" };
    if (params.grant_type === "refresh_token") {
      if (!this.rotation || this.refreshTokens.get(String(params.refresh_token)) !== fake)
        return { ok: false, error: "invalid_refresh_token" };
      const token = this.issue(fake);
      this.refreshed.push({ fake, token });
      return {
        ok: true,
        app_id: this.app.appId,
        scope: (this.scopesOf.get(fake) ?? []).join(","),
        token_type: "bot",
        access_token: token,
        bot_user_id: fake.bot.userId,
        team: { id: fake.team.id, name: fake.team.name },
        enterprise: null,
        is_enterprise_install: false,
        ...this.rotating(fake),
      };
    }
    const grant = this.grants.get(String(params.code ?? ""));
    if (!grant || grant.used || grant.fake !== fake) return { ok: false, error: "invalid_code" };
    grant.used = true;
    this.scopesOf.set(fake, grant.scopes);
    return {
      ok: true,
      app_id: this.app.appId,
      authed_user: { id: grant.installerId },
      scope: grant.scopes.join(","),
      token_type: "bot",
      access_token: this.issue(fake),
      bot_user_id: fake.bot.userId,
      // An org-wide install names the organisation and no workspace (Slack's documented shape).
      ...(grant.orgWide
        ? { team: null, enterprise: grant.orgWide, is_enterprise_install: true }
        : {
            team: { id: fake.team.id, name: fake.team.name },
            enterprise: null,
            is_enterprise_install: false,
          }),
      ...this.rotating(fake),
    };
  }

  private issue(fake: FakeSlack): string {
    const token = `xoxb-${fake.team.id}-${randomUUID()}`;
    this.tokens.set(token, fake);
    if (this.rotation) this.expiresAt.set(token, Date.now() + this.rotation.lifetimeSeconds * 1000);
    return token;
  }

  /** Under rotation, a token comes with its lifetime and a refresh token. */
  private rotating(fake: FakeSlack): Record<string, unknown> {
    if (!this.rotation) return {};
    const refresh = `xoxe-1-${fake.team.id}-${randomUUID()}`;
    this.refreshTokens.set(refresh, fake);
    return { refresh_token: refresh, expires_in: this.rotation.lifetimeSeconds };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = req.url ?? "/";
    const form = new URLSearchParams(body.toString("utf8"));
    const bearer = req.headers.authorization?.replace(/^Bearer /, "") ?? form.get("token") ?? undefined;
    const target = path.startsWith("/api/oauth.v2.access")
      ? (this.grants.get(form.get("code") ?? "")?.fake ??
        this.refreshTokens.get(form.get("refresh_token") ?? ""))
      : bearer
        ? this.tokens.get(bearer)
        : undefined;
    const revokedFor = bearer ? this.revoked.get(bearer) : undefined;
    if (revokedFor) this.refused.push({ fake: revokedFor, method: path.slice("/api/".length) });
    const expired = bearer !== undefined && (this.expiresAt.get(bearer) ?? Infinity) < Date.now();
    if (!target || expired) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: false,
          error: expired ? "token_expired" : bearer ? "invalid_auth" : "not_authed",
        }),
      );
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "authorization"])
      if (typeof req.headers[name] === "string") headers[name] = req.headers[name] as string;
    const answer = await fetch(`${target.url}${path}`, {
      method: req.method ?? "POST",
      headers,
      ...(req.method === "GET" ? {} : { body }),
    });
    const retryAfter = answer.headers.get("retry-after");
    res.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/json",
      ...(retryAfter ? { "retry-after": retryAfter } : {}),
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  }
}
