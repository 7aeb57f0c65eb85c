import { z } from "zod";

/** Slack's own limit on what follows a slash command; anything longer is not a command of ours. */
export const MAX_COMMAND_TEXT = 4000;

/** The fields of a slash command we rely on; anything else Slack sends is ignored. */
export const slashCommandPayload = z.object({
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  command: z.string().startsWith("/"),
  text: z.string().max(MAX_COMMAND_TEXT).default(""),
  trigger_id: z.string().optional(),
});
export type SlashCommandPayload = z.infer<typeof slashCommandPayload>;

/**
 * A slash command, checked. A command whose text alone is too long is told so (the person can
 * shorten it); any other malformed payload is not from Slack and gets no answer.
 */
export function checkSlashCommand(
  command: unknown,
):
  | { ok: true; data: SlashCommandPayload }
  | { ok: false; tooLong?: { workspaceId: string; channelId: string; userId: string } } {
  const parsed = slashCommandPayload.safeParse(command);
  if (parsed.success) return { ok: true, data: parsed.data };
  const onlyTooLong = parsed.error.issues.every((i) => i.code === "too_big" && i.path.join(".") === "text");
  if (!onlyTooLong) return { ok: false };
  const { team_id, channel_id, user_id } = command as {
    team_id: string;
    channel_id: string;
    user_id: string;
  };
  return { ok: false, tooLong: { workspaceId: team_id, channelId: channel_id, userId: user_id } };
}
