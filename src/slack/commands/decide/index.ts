import type { App } from "@slack/bolt";
import { startSession, teamVoteSeconds } from "../../../usecases/run-session.ts";
import { startRefusal } from "../../../usecases/session-permissions.ts";
import { decideModal } from "../../blocks/modals.ts";
import type { SlackDeps } from "../../deps.ts";
import { answerWith, type Durable, type KeptDelivery, recordKept } from "../../inbox/durable.ts";
import { translatorFor, translatorForTeam } from "../../locale.ts";
import { refuseTooLong } from "../too-long.ts";
import { sessionRefusal } from "../../session-refusal.ts";
import { checkSlashCommand } from "../payload.ts";
import { type DecideArgs, parseDecide } from "./parse.ts";

interface InlineDecide extends KeptDelivery {
  args: DecideArgs;
}

/**
 * `/decide <category> @proposer <matter>`: starts a session at once, so it is kept in the inbox
 * before the ack; its trigger_id (one per invocation) makes it start one session however often it
 * is handled.
 */
export const inlineDecide: Durable<InlineDecide> = {
  recognise(body) {
    const payload = checkSlashCommand(body);
    if (!payload.ok || payload.data.command !== "/decide" || !payload.data.trigger_id) return undefined;
    const parsed = parseDecide(payload.data.text);
    if (parsed.kind !== "start") return undefined;
    const { team_id: workspaceId, channel_id: channelId, user_id: userId } = payload.data;
    return {
      workspaceId,
      deliveryId: `command:${payload.data.trigger_id}`,
      sender: { userId, channelId },
      args: parsed.args,
    };
  },
  async record(deps, command, answer) {
    const { workspaceId, sender } = command;
    const team = { workspaceId, channelId: sender.channelId };
    const outcome = await startSession(
      deps,
      { team, chairId: sender.userId, ...command.args, absent: [], recused: [] },
      { dedupeKey: command.deliveryId },
    );
    const tr = await translatorForTeam(deps, team, sender.userId);
    await answer(
      outcome.ok ? tr("session.started", { number: outcome.number }) : sessionRefusal(outcome.error, tr),
    );
  },
};

/** `/decide`: start a decision session inline, or open the form. */
export function registerDecideCommand(app: App, deps: SlackDeps): void {
  app.command("/decide", async ({ ack, body, command, respond, client }) => {
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
    // A failure here is told by tellWhenRequestsFail; the inbox's sweep then starts the session.
    const inline = inlineDecide.recognise(body);
    if (inline) return recordKept(deps, inlineDecide, inline, answerWith(respond));
    const say = (message: string) => respond({ response_type: "ephemeral", text: message });
    try {
      const team = await deps.teams.load({ workspaceId, channelId });
      const tr = await translatorFor(deps, workspaceId, userId, team.settings.locale);
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
          view: decideModal(
            channelId,
            Math.round(team.settings.turnSeconds / 60),
            teamVoteSeconds(team.settings),
            tr,
          ),
        });
      }
    } catch (err) {
      deps.log.error("/decide failed", { err, workspaceId, channelId, userId });
      const tr = await translatorFor(deps, workspaceId, userId, null).catch(() => undefined);
      if (tr) await say(tr("error.internal")).catch(() => undefined);
    }
  });
}
