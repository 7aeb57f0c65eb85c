import { DEFAULT_NAMED_VOTE_VISIBILITY } from "../../../domain/session/vote-visibility.ts";
import { MORE_THAN_HALF, TWO_THIRDS_OR_MORE, type FractionRule } from "../../../domain/session/quorum.ts";
import {
  choosePrincipalPolicy,
  setMaxPowers,
  updateTeamSettings,
  updateVoteRules,
  type Actor,
} from "../../../usecases/manage-roster.ts";
import type { RuleName } from "./parse.ts";
import type { SlackDeps } from "../../deps.ts";
import type { Voices } from "../../locale.ts";
import type { LastwordCommand } from "./parse.ts";
import type { Reply } from "./reply.ts";
import { privately } from "./reply.ts";
import { changed } from "./roster.ts";

const RULES: Record<RuleName, FractionRule> = {
  "more-than-half": MORE_THAN_HALF,
  "two-thirds": TWO_THIRDS_OR_MORE,
};

type PolicyCommand = Extract<LastwordCommand, { kind: `policy.${string}` }>;

export async function policyReply(
  cmd: PolicyCommand,
  actor: Actor,
  deps: SlackDeps,
  voices: Voices,
): Promise<Reply> {
  switch (cmd.kind) {
    case "policy.show": {
      const tr = voices.reader;
      const { settings } = await deps.teams.load(actor);
      return privately(
        [
          tr("policy.show", { policy: tr(`policy.${settings.policy}`), max: settings.maxPowers }),
          tr(settings.principalMayPropose ? "policy.principalMayPropose" : "policy.principalMayNotPropose"),
          tr("policy.turnMinutesSet", { minutes: Math.round(settings.turnSeconds / 60) }),
          tr(settings.rules.start === "admins" ? "policy.startAdmins" : "policy.startMembers"),
          tr(`record.policy.namedVotes.${settings.rules.namedVotes ?? DEFAULT_NAMED_VOTE_VISIBILITY}`),
        ].join("\n"),
      );
    }
    case "policy.set":
      return changed(await choosePrincipalPolicy(deps.teams, actor, cmd.policy), voices, undefined, (tr) =>
        tr("policy.set", { policy: tr(`policy.${cmd.policy}`) }),
      );
    case "policy.maxPowers":
      return changed(await setMaxPowers(deps.teams, actor, cmd.max), voices, undefined, (tr) =>
        tr("policy.maxSet", { max: cmd.max }),
      );
    case "policy.principalProposes":
      return changed(
        await updateTeamSettings(deps.teams, actor, { principalMayPropose: cmd.allowed }),
        voices,
        undefined,
        (tr) => tr(cmd.allowed ? "policy.principalMayPropose" : "policy.principalMayNotPropose"),
      );
    case "policy.threshold":
      return changed(
        await updateVoteRules(deps.teams, actor, { threshold: RULES[cmd.rule] }),
        voices,
        undefined,
        (tr) => tr("policy.thresholdSet", { rule: tr(`rule.${cmd.rule}`) }),
      );
    case "policy.quorum":
      return changed(
        await updateVoteRules(deps.teams, actor, {
          quorum: { rule: RULES[cmd.rule], category: cmd.category },
        }),
        voices,
        undefined,
        (tr) =>
          tr("policy.quorumSet", {
            rule: tr(`rule.${cmd.rule}`),
            category: cmd.category ? tr(`category.${cmd.category}`) : tr("policy.allCategories"),
          }),
      );
    case "policy.start":
      return changed(await updateVoteRules(deps.teams, actor, { start: cmd.who }), voices, undefined, (tr) =>
        tr(cmd.who === "admins" ? "policy.startAdmins" : "policy.startMembers"),
      );
    case "policy.namedVotes":
      return changed(
        await updateVoteRules(deps.teams, actor, { namedVotes: cmd.visibility }),
        voices,
        undefined,
        (tr) => tr(`record.policy.namedVotes.${cmd.visibility}`),
      );
    case "policy.turnMinutes":
      return changed(
        await updateTeamSettings(deps.teams, actor, { turnSeconds: cmd.minutes * 60 }),
        voices,
        undefined,
        (tr) => tr("policy.turnMinutesSet", { minutes: cmd.minutes }),
      );
  }
}
