import { z } from "zod";
import type { KeptDelivery } from "../inbox/durable.ts";

// Only the fields a kept press needs. A press on a message always has a channel; `action_ts` is
// this one press (a double click is two presses, each decided on its own).
const blockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1) }),
  team: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }),
  container: z.object({ thread_ts: z.string().optional() }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        action_ts: z.string().min(1),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).optional(),
      }),
    )
    .min(1),
});

/** A button press or a menu choice on one of the bot's messages. */
export interface Press extends KeptDelivery {
  actionId: string;
  /** The button's value, or the menu option's. */
  value: string;
}

/** The press in a `block_actions` body when its action is one of ours; undefined otherwise. */
export function readPress(body: unknown, isOurs: (actionId: string) => boolean): Press | undefined {
  const parsed = blockActions.safeParse(body);
  if (!parsed.success) return undefined;
  const { user, team, channel, container, actions } = parsed.data;
  const action = actions[0]!;
  const value = action.value ?? action.selected_option?.value;
  if (!isOurs(action.action_id) || value === undefined) return undefined;
  return {
    workspaceId: team.id,
    deliveryId: `press:${user.id}:${action.action_ts}`,
    sender: {
      userId: user.id,
      channelId: channel.id,
      ...(container?.thread_ts ? { threadTs: container.thread_ts } : {}),
    },
    actionId: action.action_id,
    value,
  };
}
