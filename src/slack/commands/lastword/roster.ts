import type { Translate } from "../../../i18n/translate.ts";
import {
  addToRoster,
  assignRoles,
  removeFromRoster,
  updateOnRoster,
  type Actor,
  type ChangeOutcome,
} from "../../../usecases/manage-roster.ts";
import { balanceWarningLines, rosterBlocks } from "../../blocks/roster-view.ts";
import type { SlackDeps } from "../../deps.ts";
import type { LastwordCommand } from "./parse.ts";
import { refusal, toChannel, type Reply } from "./reply.ts";

type RosterCommand = Extract<LastwordCommand, { kind: `roster.${string}` }>;

export async function rosterReply(
  cmd: RosterCommand,
  actor: Actor,
  deps: SlackDeps,
  tr: Translate,
): Promise<Reply> {
  switch (cmd.kind) {
    case "roster.show": {
      const team = await deps.teams.load(actor);
      return { ...rosterBlocks(team, actor.channelId, tr) };
    }
    case "roster.add": {
      const { kind: _, ...change } = cmd;
      const outcome = await addToRoster(deps.teams, actor, {
        ...change,
        title: change.title ?? null,
        powers: change.powers ?? [],
      });
      return changed(outcome, tr, cmd.userId, () => tr("roster.added", { user: cmd.userId, rank: cmd.rank }));
    }
    case "roster.set": {
      const { kind: _, ...update } = cmd;
      const outcome = await updateOnRoster(deps.teams, actor, update);
      return changed(outcome, tr, cmd.userId, () =>
        tr("roster.updated", { user: cmd.userId, rank: cmd.rank }),
      );
    }
    case "roster.remove":
      return changed(await removeFromRoster(deps.teams, actor, cmd.userId), tr, cmd.userId, () =>
        tr("roster.removed", { user: cmd.userId }),
      );
    case "roster.role": {
      const outcome = await assignRoles(deps.teams, actor, cmd.userId, cmd.roles);
      const roles = cmd.roles.length
        ? cmd.roles.map((r) => tr(`role.${r}`)).join(", ")
        : tr("roster.rolesNone");
      return changed(outcome, tr, cmd.userId, () => tr("roster.rolesSet", { user: cmd.userId, roles }));
    }
  }
}

/** A roster change is announced to the channel, with whoever moved and any balance warning. */
export function changed(
  outcome: ChangeOutcome,
  tr: Translate,
  subject: string | undefined,
  summary: () => string,
): Reply {
  if (!outcome.ok) return refusal(outcome.error, tr);
  const lines = [summary()];
  const shifted = outcome.shifted.filter((u) => u !== subject);
  if (shifted.length) lines.push(tr("roster.shifted", { users: shifted.map((u) => `<@${u}>`).join(", ") }));
  lines.push(...balanceWarningLines(outcome.team, tr));
  if (outcome.becameFirstAdmin) lines.push(tr("roster.firstAdmin"));
  return toChannel(lines.join("\n"));
}
