import type { RespondFn } from "@slack/bolt";
import type { SlackDeps } from "../deps.ts";
import { translatorForTeam } from "../locale.ts";
import { MAX_COMMAND_TEXT } from "./payload.ts";

/** Tells the person privately that their command was too long to be read; nothing was done. */
export async function refuseTooLong(
  deps: SlackDeps,
  who: { workspaceId: string; channelId: string; userId: string },
  respond: RespondFn,
): Promise<void> {
  const tr = await translatorForTeam(deps, who, who.userId);
  await respond({ response_type: "ephemeral", text: tr("error.commandTooLong", { max: MAX_COMMAND_TEXT }) });
}
