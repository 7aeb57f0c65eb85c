import type { App } from "@slack/bolt";
import { startSession } from "../../../usecases/run-session.ts";
import { startRefusal } from "../../../usecases/session-permissions.ts";
import { decideModal } from "../../blocks/modals.ts";
import type { SlackDeps } from "../../deps.ts";
import { translatorFor } from "../../locale.ts";
import { refuseTooLong } from "../too-long.ts";
import { sessionRefusal } from "../../session-refusal.ts";
import { checkSlashCommand } from "../payload.ts";
import { parseDecide } from "./parse.ts";

/** `/decide`: start a decision session inline, or open the form. */
export function registerDecideCommand(app: App, deps: SlackDeps): void {
  app.command("/decide", async ({ ack, command, respond, client }) => {
    await ack();
    const payload = checkSlashCommand(command);
    if (!payload.ok) {
      if (payload.tooLong) await refuseTooLong(deps, payload.tooLong, respond);
      return deps.log.warn("malformed /decide payload", { tooLong: payload.tooLong !== undefined });
    }
    const {
      team_id: workspaceId,
      channel_id: channelId,
      user_id: userId,
      text,
      trigger_id: triggerId,
    } = payload.data;
    const team = await deps.teams.load({ workspaceId, channelId });
    const tr = await translatorFor(deps, workspaceId, userId, team.settings.locale);
    const say = (message: string) => respond({ response_type: "ephemeral", text: message });
    try {
      const parsed = parseDecide(text);
      if (parsed.kind === "error")
        return void (await say(`${tr(parsed.key, parsed.params)}\n${tr("error.decideUsage")}`));
      if (parsed.kind === "modal") {
        if (!team.exists) return void (await say(tr("error.noRoster")));
        // Nobody fills in a form only to be told they may not start a session.
        const refused = startRefusal(team, userId);
        if (refused) return void (await say(sessionRefusal(refused, tr)));
        await client.views.open({
          trigger_id: triggerId!,
          view: decideModal(channelId, Math.round(team.settings.turnSeconds / 60), tr),
        });
        return;
      }
      const outcome = await startSession(deps, {
        team: { workspaceId, channelId },
        chairId: userId,
        ...parsed.args,
        absent: [],
        recused: [],
      });
      await say(
        outcome.ok ? tr("session.started", { number: outcome.number }) : sessionRefusal(outcome.error, tr),
      );
    } catch (err) {
      deps.log.error("/decide failed", { err, workspaceId, channelId, userId });
      await say(tr("error.internal")).catch(() => undefined);
    }
  });
}
