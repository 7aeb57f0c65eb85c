import { pickLocale } from "../i18n/locales.ts";
import { translator, type Translate } from "../i18n/translate.ts";
import type { SlackDeps } from "./deps.ts";

/** Words for the team's channel: the team's language (see pickLocale). */
export function channelTranslator(
  deps: Pick<SlackDeps, "defaultLocale">,
  teamLocale: string | null,
): Translate {
  return translator(pickLocale("channel", teamLocale, deps.defaultLocale));
}

/** Words for `userId` alone (a private answer, a DM, a form): their Slack locale, then the team's. */
export async function translatorFor(
  deps: SlackDeps,
  workspaceId: string,
  userId: string,
  teamLocale: string | null,
): Promise<Translate> {
  const user = await deps.users.find(workspaceId, userId).catch((err: unknown) => {
    deps.log.warn("could not read the user's locale", { userId, err });
    return null;
  });
  return translator(pickLocale({ reader: user?.locale }, teamLocale, deps.defaultLocale));
}

/**
 * Words for `userId` acting on a team's channel or one of its sessions (a press, a form, a
 * refusal): their Slack locale, then the team's. A lookup that fails only loses the team's choice.
 */
export async function translatorForTeam(
  deps: SlackDeps,
  where: { workspaceId: string } & ({ channelId: string } | { sessionId: string }),
  userId: string,
): Promise<Translate> {
  const locale = await ("sessionId" in where
    ? deps.teams.localeOfSession(where.workspaceId, where.sessionId)
    : deps.teams.locale(where)
  ).catch((err: unknown) => {
    deps.log.warn("could not read the team's language", { err });
    return null;
  });
  return translatorFor(deps, where.workspaceId, userId, locale);
}

/** Both voices of a command's answer: private words to the caller, public ones to the channel. */
export interface Voices {
  reader: Translate;
  channel: Translate;
}
