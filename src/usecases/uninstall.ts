import type { InstallationQuery } from "@slack/oauth";
import type { SlackDeps } from "../slack/deps.ts";

/**
 * Lastword was uninstalled from a workspace (or org-wide), or its bot token revoked: forget the
 * tokens and finish the pending jobs unrun, so nothing more is posted or DMed there. The ledger,
 * the rosters and the check-in records stay: a reinstall finds them, and the record is never
 * deleted.
 */
export async function uninstall(deps: SlackDeps, source: InstallationQuery<boolean>): Promise<void> {
  if (!deps.installations) return; // one workspace's SLACK_BOT_TOKEN: nothing stored to forget
  const workspaces = await deps.installations.remove(source);
  for (const workspaceId of workspaces) {
    const stopped = await deps.jobs.finishAll(workspaceId, deps.clock());
    deps.log.info("uninstalled: the workspace's jobs are stopped, its record kept", { workspaceId, stopped });
  }
}
