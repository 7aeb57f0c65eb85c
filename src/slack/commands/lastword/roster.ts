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
import type { Voices } from "../../locale.ts";
import type { LastwordCommand } from "./parse.ts";
import { refusal, toChannel, type Reply } from "./reply.ts";

type RosterCommand = Extract<LastwordCommand, { kind: `roster.${string}` }>;

export async function rosterReply(
  cmd: RosterCommand,
  actor: Actor,
  deps: SlackDeps,
  voices: Voices,
): Promise<Reply> {
  // What changes is announced in the channel, in the team's language; refusals go to the caller.
  const tr = voices.channel;
  switch (cmd.kind) {
    case "roster.show": {
      const team = await deps.teams.load(actor);
      return { ...rosterBlocks(team, actor.channelId, voices.reader) };
    }
    case "roster.add": {
      const { kind: _, ...change } = cmd;
      const outcome = await addToRoster(deps.teams, actor, {
        ...change,
        title: change.title ?? null,
        powers: change.powers ?? [],
      });
      return changed(outcome, voices, cmd.userId, () =>
        tr("roster.added", { user: cmd.userId, rank: cmd.rank }),
      );
    }
    case "roster.set": {
      const { kind: _, ...update } = cmd;
      const outcome = await updateOnRoster(deps.teams, actor, update);
      return changed(outcome, voices, cmd.userId, () =>
        tr("roster.updated", { user: cmd.userId, rank: cmd.rank }),
      );
    }
    case "roster.remove":
      return changed(await removeFromRoster(deps.teams, actor, cmd.userId), voices, cmd.userId, () =>
        tr("roster.removed", { user: cmd.userId }),
      );
    case "roster.role": {
      const outcome = await assignRoles(deps.teams, actor, cmd.userId, cmd.roles);
      const roles = cmd.roles.length
        ? cmd.roles.map((r) => tr(`role.${r}`)).join(", ")
        : tr("roster.rolesNone");
      return changed(outcome, voices, cmd.userId, () => tr("roster.rolesSet", { user: cmd.userId, roles }));
    }
  }
}

/** A roster change is announced to the channel, with whoever moved and any balance warning. */
export function changed(
  outcome: ChangeOutcome,
  voices: Voices,
  subject: string | undefined,
  summary: () => string,
): Reply {
  if (!outcome.ok) return refusal(outcome.error, voices.reader);
  const tr = voices.channel;
  const lines = [summary()];
  const shifted = outcome.shifted.filter((u) => u !== subject);
  if (shifted.length) lines.push(tr("roster.shifted", { users: shifted.map((u) => `<@${u}>`).join(", ") }));
  lines.push(...balanceWarningLines(outcome.team, tr));
  if (outcome.becameFirstAdmin) lines.push(tr("roster.firstAdmin"));
  return toChannel(lines.join("\n"));
}
