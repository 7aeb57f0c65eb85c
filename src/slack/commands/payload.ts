import { z } from "zod";

/** The fields of a slash command we rely on; anything else Slack sends is ignored. */
export const slashCommandPayload = z.object({
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  command: z.string().startsWith("/"),
  text: z.string().max(4000).default(""),
  trigger_id: z.string().optional(),
});
export type SlashCommandPayload = z.infer<typeof slashCommandPayload>;
