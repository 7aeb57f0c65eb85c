/** A deadline as people read it, in the team's timezone: "2026-11-23 14:05 (Asia/Shanghai)". */
export function formatInstant(at: string, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")} (${timezone})`;
}

/**
 * An instant for a Slack message: Slack shows `<!date^…>` in each reader's own timezone and clock
 * style, so a deputy travelling and the principal at home both read their local time. Clients that
 * cannot render it show the fallback: the team's time with the zone named.
 */
export function slackDate(at: string, timezone: string): string {
  const unix = Math.floor(Date.parse(at) / 1000);
  return `<!date^${unix}^{date_num} {time}|${formatInstant(at, timezone)}>`;
}
