import { pickLocale } from "../i18n/locales.ts";
import { translator, type Translate } from "../i18n/translate.ts";
import type { SlackDeps } from "./deps.ts";

/** The language to answer `userId` in: their Slack locale, else the team's, else the default. */
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
  return translator(pickLocale(user?.locale, teamLocale, deps.defaultLocale));
}
