import { checkReceipt } from "../../../usecases/vote.ts";
import type { SlackDeps } from "../../deps.ts";
import type { LastwordVerb } from "./index.ts";
import { privately } from "./reply.ts";

/** `/lastword receipt <session> <code>`: is my secret ballot in the box? Answered privately. */
export function receiptVerb(deps: SlackDeps): LastwordVerb {
  return async ([verb, numberWord, code], actor, tr) => {
    if (verb?.toLowerCase() !== "receipt") return undefined;
    const number = Number((numberWord ?? "").replace(/^[#＃]/, ""));
    if (!Number.isInteger(number) || number < 1 || !code) return privately(tr("vote.receiptUsage"));
    const session = await deps.sessions.findByNumber(actor, number);
    if (!session) return privately(tr("error.sessionNotFound"));
    const check = await checkReceipt(deps, actor.workspaceId, session.row.id, code);
    switch (check.status) {
      case "counted":
        return privately(tr("vote.receiptCounted", { number, ballots: check.ballots }));
      case "sealed":
        return privately(tr("vote.receiptSealed", { number }));
      case "notFound":
        return privately(tr("vote.receiptNotFound", { number }));
    }
  };
}
