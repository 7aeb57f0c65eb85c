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

/** The user's Slack locale if we speak it, else the team's default, else the installation's. */
export function pickLocale(
  userLocale: string | null | undefined,
  teamLocale: string | null | undefined,
  fallback: Locale,
): Locale {
  return matchLocale(userLocale) ?? matchLocale(teamLocale) ?? fallback;
}
