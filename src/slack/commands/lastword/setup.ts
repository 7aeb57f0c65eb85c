import type { WebClient } from "@slack/web-api";
import { matchLocale } from "../../../i18n/locales.ts";
import type { TeamSnapshot } from "../../../store/team-store.ts";
import { setupSettingsForm } from "../../blocks/setup-form.ts";
import type { SlackDeps } from "../../deps.ts";
import type { Voices } from "../../locale.ts";
import { helpReply } from "./help.ts";
import { privately, type Reply } from "./reply.ts";

/**
 * `/lastword` alone in a channel with no team, or `/lastword roster edit`: opens the setup form on
 * the team as it is (admins only once it exists). A bare `/lastword` on a team that exists is help.
 * Answers undefined when the form opened: there is nothing more to say.
 */
export async function setupReply(
  cmd: { firstUse: boolean },
  actor: { workspaceId: string; channelId: string; userId: string },
  triggerId: string | undefined,
  deps: SlackDeps,
  voices: Voices,
  client: WebClient,
): Promise<Reply | undefined> {
  const tr = voices.reader;
  const team = await deps.teams.load(actor);
  if (cmd.firstUse && team.exists) return helpReply(tr);
  if (team.exists && !team.admins.includes(actor.userId))
    return privately(tr("error.notAdmin", { admins: team.admins.map((a) => `<@${a}>`).join(", ") }));
  if (!triggerId) return privately(tr("error.internal"));
  const timezone = team.settings.timezone ?? (await readerTimezone(deps, actor)) ?? deps.defaultTimezone;
  await client.views.open({
    trigger_id: triggerId,
    view: setupSettingsForm(
      actor.channelId,
      {
        name: team.settings.name,
        locale: matchLocale(team.settings.locale) ?? tr.locale,
        timezone,
        calendar: team.settings.calendar,
        policy: team.settings.policy,
      },
      memberIds(team),
      !team.exists,
      tr,
    ),
  });
  return undefined;
}

const memberIds = (team: TeamSnapshot) => team.members.map((m) => m.userId);

/** A new team starts in the timezone of whoever sets it up (they can change it in the form). */
async function readerTimezone(deps: SlackDeps, actor: { workspaceId: string; userId: string }) {
  const user = await deps.users.find(actor.workspaceId, actor.userId).catch(() => null);
  return user?.timezone ?? undefined;
}
