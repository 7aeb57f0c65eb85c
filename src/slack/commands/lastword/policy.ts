import type { Translate } from "../../../i18n/translate.ts";
import { choosePrincipalPolicy, setMaxPowers, type Actor } from "../../../usecases/manage-roster.ts";
import type { SlackDeps } from "../../deps.ts";
import type { LastwordCommand } from "./parse.ts";
import type { Reply } from "./reply.ts";
import { privately } from "./reply.ts";
import { changed } from "./roster.ts";

type PolicyCommand = Extract<LastwordCommand, { kind: `policy.${string}` }>;

export async function policyReply(cmd: PolicyCommand, actor: Actor, deps: SlackDeps, tr: Translate): Promise<Reply> {
  switch (cmd.kind) {
    case "policy.show": {
      const { settings } = await deps.teams.load(actor);
      return privately(tr("policy.show", { policy: tr(`policy.${settings.policy}`), max: settings.maxPowers }));
    }
    case "policy.set":
      return changed(await choosePrincipalPolicy(deps.teams, actor, cmd.policy), tr, undefined, () =>
        tr("policy.set", { policy: tr(`policy.${cmd.policy}`) }),
      );
    case "policy.maxPowers":
      return changed(await setMaxPowers(deps.teams, actor, cmd.max), tr, undefined, () => tr("policy.maxSet", { max: cmd.max }));
  }
}
