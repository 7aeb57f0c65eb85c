import type { OpenSession } from "../../../store/session-store.ts";
import type { Translate } from "../../../i18n/translate.ts";
import type { SlackDeps } from "../../deps.ts";
import { escapeMrkdwn } from "../../mrkdwn.ts";
import type { LastwordVerb } from "./index.ts";
import { privately } from "./reply.ts";

/**
 * `/lastword status`: where each session of this channel that is still under way stands,
 * privately. A session whose header Slack refused is shown as waiting, with what to do.
 */
export function statusVerb(deps: SlackDeps): LastwordVerb {
  return async ([verb], actor, tr) => {
    if (verb?.toLowerCase() !== "status" && verb !== "状态") return undefined;
    const sessions = await deps.sessions.underWay(actor);
    if (sessions.length === 0) return privately(tr("status.none"));
    return privately([tr("status.title"), ...sessions.map((s) => statusLine(s, tr))].join("\n"));
  };
}

function statusLine(session: OpenSession, tr: Translate): string {
  const params = { number: session.number, matter: escapeMrkdwn(session.matter.replace(/\s+/g, " ").trim()) };
  if (session.headerRefused !== null) return tr("status.waitingToBePosted", params);
  if (session.phase === "speaking" && session.currentSpeakerId)
    return tr("status.speaking", { ...params, user: session.currentSpeakerId });
  if (session.phase === "voting") return tr("status.voting", params);
  if (session.phase === "paused") return tr("status.paused", params);
  return tr("status.starting", params);
}
