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

/** Both voices of a command's answer: private words to the caller, public ones to the channel. */
export interface Voices {
  reader: Translate;
  channel: Translate;
}
