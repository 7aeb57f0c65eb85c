import type {
  Installation,
  InstallationQuery,
  InstallationStore as SlackInstallationStore,
} from "@slack/oauth";
import { type Queryable, sql } from "./db.ts";
import type { TokenCipher } from "../secrets/token-cipher.ts";

/** An installation could not be found: Bolt answers the request with an authorization error. */
export class NoInstallation extends Error {
  constructor(query: InstallationQuery<boolean>) {
    super(`no installation for team ${query.teamId ?? "-"} / enterprise ${query.enterpriseId ?? "-"}`);
  }
}

/**
 * The OAuth installations (see the Installation model), as @slack/oauth's InstallProvider reads
 * and writes them. Bot tokens and refresh tokens are sealed with the token key before they reach
 * the database and opened only here.
 */
export class InstallationStore implements SlackInstallationStore {
  constructor(
    private readonly db: Queryable,
    private readonly cipher: TokenCipher,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const { bot } = installation;
    if (!bot) throw new Error("an installation without a bot token: add the bot scopes to the install URL");
    const org = installation.isEnterpriseInstall === true;
    const id = org ? installation.enterprise?.id : installation.team?.id;
    if (!id) throw new Error("an installation without a team or enterprise ID");
    // A reinstall (new scopes) or a token refresh replaces the tokens; the first installer stays.
    const teamId = org ? null : (installation.team?.id ?? null);
    const refresh = bot.refreshToken ? this.cipher.seal(bot.refreshToken, id) : null;
    const expiresAt = bot.expiresAt ? new Date(bot.expiresAt * 1000) : null;
    await this.db.execute(sql`
      INSERT INTO installation (id, enterprise_id, team_id, is_enterprise_install, app_id, bot_id, bot_user_id,
                                scopes, bot_token, bot_refresh_token, bot_token_expires_at, installer_id)
      VALUES (${id}, ${installation.enterprise?.id ?? null}, ${teamId}, ${org}, ${installation.appId ?? null},
              ${bot.id}, ${bot.userId}, ${bot.scopes}, ${this.cipher.seal(bot.token, id)}, ${refresh},
              ${expiresAt}, ${installation.user.id})
      ON CONFLICT (id) DO UPDATE SET
        app_id = EXCLUDED.app_id, bot_id = EXCLUDED.bot_id, bot_user_id = EXCLUDED.bot_user_id,
        scopes = EXCLUDED.scopes, bot_token = EXCLUDED.bot_token, bot_refresh_token = EXCLUDED.bot_refresh_token,
        bot_token_expires_at = EXCLUDED.bot_token_expires_at, updated_at = now()`);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const row = await this.find(query);
    if (!row) throw new NoInstallation(query);
    const id = String(row.id);
    const expiresAt = row.bot_token_expires_at as Date | null;
    const org = row.is_enterprise_install === true;
    const enterpriseId = (row.enterprise_id as string | null) ?? undefined;
    return {
      team: org ? undefined : { id: String(row.team_id) },
      enterprise: enterpriseId ? { id: enterpriseId } : undefined,
      isEnterpriseInstall: org,
      appId: (row.app_id as string | null) ?? undefined,
      authVersion: "v2",
      tokenType: "bot",
      user: { id: String(row.installer_id), token: undefined, scopes: undefined },
      bot: {
        id: String(row.bot_id),
        userId: String(row.bot_user_id),
        scopes: row.scopes as string[],
        token: this.cipher.open(String(row.bot_token), id),
        ...(row.bot_refresh_token
          ? { refreshToken: this.cipher.open(String(row.bot_refresh_token), id) }
          : {}),
        ...(expiresAt ? { expiresAt: Math.floor(expiresAt.getTime() / 1000) } : {}),
      },
    } as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.remove(query);
  }

  /**
   * The app was uninstalled or its tokens revoked: the tokens are forgotten (the workspaces'
   * records stay). Returns the workspaces that were served by it.
   */
  async remove(query: InstallationQuery<boolean>): Promise<string[]> {
    const row = await this.find(query);
    if (!row) return [];
    const linked = await this.db.query<{ workspace_id: string }>(sql`
      DELETE FROM installation_workspace WHERE installation_id = ${row.id} RETURNING workspace_id`);
    await this.db.execute(sql`DELETE FROM installation WHERE id = ${row.id}`);
    const workspaces = linked.map((r) => String(r.workspace_id));
    return row.team_id ? [String(row.team_id), ...workspaces] : workspaces;
  }

  /** A workspace under an org-wide install sent a request: its scheduled work may use the org's token. */
  async noteWorkspace(workspaceId: string, installationId: string): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO installation_workspace (workspace_id, installation_id) VALUES (${workspaceId}, ${installationId})
      ON CONFLICT (workspace_id) DO UPDATE SET installation_id = EXCLUDED.installation_id`);
  }

  /** Who installed Lastword in the workspace (directly or org-wide); null when it is not installed. */
  async installerOf(workspaceId: string): Promise<string | null> {
    const row = await this.find({ teamId: workspaceId, enterpriseId: undefined, isEnterpriseInstall: false });
    return row ? String(row.installer_id) : null;
  }

  /**
   * A workspace's own installation, else its organisation's: the org named in the query, or the
   * one recorded for the workspace when it last sent a request.
   */
  private async find(query: InstallationQuery<boolean>): Promise<Record<string, unknown> | undefined> {
    const teamId = query.isEnterpriseInstall ? null : (query.teamId ?? null);
    const enterpriseId = query.enterpriseId ?? null;
    const [row] = await this.db.query<Record<string, unknown>>(sql`
      SELECT * FROM installation
       WHERE id = ${teamId}
          OR (id = ${enterpriseId} AND is_enterprise_install)
          OR id = (SELECT installation_id FROM installation_workspace WHERE workspace_id = ${teamId})
       ORDER BY (id = ${teamId}) IS TRUE DESC LIMIT 1`);
    return row;
  }
}
