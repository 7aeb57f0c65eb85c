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
import type { Translate } from "../../../i18n/translate.ts";

type RosterCommand = Extract<LastwordCommand, { kind: `roster.${string}` }>;

export async function rosterReply(
  cmd: RosterCommand,
  actor: Actor,
  deps: SlackDeps,
  voices: Voices,
): Promise<Reply> {
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
      return rosterChanged(
        outcome,
        voices,
        cmd.userId,
        (tr) => tr("roster.added", { user: cmd.userId, rank: cmd.rank }),
        actor.channelId,
      );
    }
    case "roster.set": {
      const { kind: _, ...update } = cmd;
      const outcome = await updateOnRoster(deps.teams, actor, update);
      return rosterChanged(
        outcome,
        voices,
        cmd.userId,
        (tr) => tr("roster.updated", { user: cmd.userId, rank: cmd.rank }),
        actor.channelId,
      );
    }
    case "roster.remove":
      return rosterChanged(
        await removeFromRoster(deps.teams, actor, cmd.userId),
        voices,
        cmd.userId,
        (tr) => tr("roster.removed", { user: cmd.userId }),
        actor.channelId,
      );
    case "roster.role": {
      const outcome = await assignRoles(deps.teams, actor, cmd.userId, cmd.roles);
      const roles = (tr: Translate) =>
        cmd.roles.length ? cmd.roles.map((r) => tr(`role.${r}`)).join(", ") : tr("roster.rolesNone");
      return rosterChanged(
        outcome,
        voices,
        cmd.userId,
        (tr) => tr("roster.rolesSet", { user: cmd.userId, roles: roles(tr) }),
        actor.channelId,
      );
    }
  }
}

/**
 * A settings change (policy, admins, team settings) is announced to the channel in the team's
 * language. A balance warning is said once, by the change that caused it, not after every later one.
 */
export function changed(
  outcome: ChangeOutcome,
  voices: Voices,
  subject: string | undefined,
  summary: (tr: Translate) => string,
): Reply {
  if (!outcome.ok) return refusal(outcome.error, voices.reader);
  const lines = changeLines(outcome, voices.channel, subject, summary);
  if (outcome.becameFirstAdmin) lines.push(voices.channel("roster.firstAdmin"));
  return toChannel(lines.join("\n"));
}

/**
 * A roster change is answered privately, in the changer's language, with what changed and the new
 * roster; the channel gets one short notice of it in the team's language.
 */
export function rosterChanged(
  outcome: ChangeOutcome,
  voices: Voices,
  subject: string,
  summary: (tr: Translate) => string,
  channelId: string,
): Reply {
  if (!outcome.ok) return refusal(outcome.error, voices.reader);
  const mine = changeLines(outcome, voices.reader, subject, summary);
  if (outcome.becameFirstAdmin) mine.push(voices.reader("roster.firstAdmin"));
  const view = rosterBlocks(outcome.team, channelId, voices.reader, { warnings: false });
  return {
    text: [...mine, view.text].join("\n"),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: mine.join("\n") } }, ...view.blocks],
    followUps: [toChannel(changeLines(outcome, voices.channel, subject, summary).join("\n"))],
  };
}

/** What changed, whoever moved to make room, and the balance warnings this change brought. */
function changeLines(
  outcome: Extract<ChangeOutcome, { ok: true }>,
  tr: Translate,
  subject: string | undefined,
  summary: (tr: Translate) => string,
): string[] {
  const shifted = outcome.shifted.filter((u) => u !== subject);
  const before = new Set(balanceWarningLines(outcome.before, tr));
  return [
    summary(tr),
    ...(shifted.length ? [tr("roster.shifted", { users: shifted.map((u) => `<@${u}>`).join(", ") })] : []),
    ...balanceWarningLines(outcome.team, tr).filter((line) => !before.has(line)),
  ];
}
