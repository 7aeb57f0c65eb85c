export const SUPPORTED_LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/**
 * Maps a Slack locale (en-US, en-GB, zh-CN, zh-TW, ...) to a catalog we have. Traditional Chinese
 * readers get Simplified Chinese rather than English: closer to what they asked for.
 */
export function matchLocale(slackLocale: string | null | undefined): Locale | undefined {
  if (!slackLocale) return undefined;
  const lang = slackLocale.toLowerCase().split(/[-_]/)[0];
  if (lang === "zh") return "zh-CN";
  if (lang === "en") return "en";
  return undefined;
}

/**
 * The one rule for which language a message is in. A post in the team's channel is read by the
 * whole team: the team's language, else the installation's default (only for a team that has
 * not chosen). A private answer or a DM has one reader: their Slack locale, then the same.
 */
export function pickLocale(
  audience: { reader: string | null | undefined } | "channel",
  teamLocale: string | null | undefined,
  fallback: Locale,
): Locale {
  const team = matchLocale(teamLocale) ?? fallback;
  return audience === "channel" ? team : (matchLocale(audience.reader) ?? team);
}
