import type { SessionError } from "../domain/session/errors.ts";
import type { MessageKey, Translate } from "../i18n/translate.ts";
import type { PermissionError } from "../usecases/session-permissions.ts";
import type { SlackDeps } from "./deps.ts";
import type { Answer } from "./inbox/durable.ts";
import { translatorForTeam } from "./locale.ts";

/** A refused session action, worded for the person who tried it. */
export function sessionRefusal(
  error: SessionError | PermissionError | { code: "sessionNotFound"; params: Record<string, never> },
  tr: Translate,
): string {
  const params: Record<string, string | number> = { ...error.params };
  // The roster module words `notOnRoster` with {user}; the session decider calls it userId.
  if ("userId" in params) params.user = params.userId!;
  if (error.code === "sessionClosed") params.phase = String(params.phase);
  return tr(`error.${error.code}` as MessageKey, params);
}

/** Tells `userId` privately, in their language, why their action was refused. */
export async function tellRefusal(
  deps: SlackDeps,
  answer: Answer,
  where: { workspaceId: string } & ({ channelId: string } | { sessionId: string }),
  userId: string,
  error: Parameters<typeof sessionRefusal>[0],
): Promise<void> {
  const tr = await translatorForTeam(deps, where, userId);
  await answer(sessionRefusal(error, tr));
}
