import type { types } from "@slack/bolt";

export type KnownBlock = types.KnownBlock;
import type { Translate } from "../../../i18n/translate.ts";
import type { UseCaseError } from "../../../usecases/manage-roster.ts";

/** What a command answers: private to the caller unless the whole channel should see it. */
export interface Reply {
  text: string;
  blocks?: KnownBlock[];
  inChannel?: boolean;
  /** More messages, posted in order after this one through the same response_url (at most MAX_FOLLOW_UPS). */
  followUps?: Reply[];
}

/** Slack takes at most five posts to one response_url: the reply and four more. */
export const MAX_FOLLOW_UPS = 4;

export const privately = (text: string): Reply => ({ text });
export const toChannel = (text: string): Reply => ({ text, inChannel: true });

/** Words a refused change in the caller's language; the codes are the domain's, the words ours. */
export function refusal(error: UseCaseError, tr: Translate): Reply {
  const params: Record<string, string | number> = { ...error.params };
  if ("policy" in error.params)
    params.policy = tr(`policy.${error.params.policy as "four" | "five" | "eight"}`);
  if ("powers" in error.params && typeof error.params.powers === "string" && error.code !== "notAdmin") {
    params.powers = error.params.powers
      .split(",")
      .map((p) => tr(`power.${p}` as Parameters<Translate>[0]))
      .join(", ");
  }
  return privately(tr(`error.${error.code}`, params));
}
