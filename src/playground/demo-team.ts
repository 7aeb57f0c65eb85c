import type { Locale } from "../i18n/locales.ts";

/** One member of the demo team: the same Slack user in both languages, only the names differ. */
export interface DemoMember {
  id: string;
  rank: number;
  names: Record<Locale, { handle: string; realName: string; title: string }>;
  /** Key powers as `/lastword roster add` takes them. */
  powers: string[];
}

/** The channel the demo team meets in. */
export const DEMO_CHANNEL = { id: "C0LEADERSHIP", name: "leadership" };

/** Where the demo team works: check-ins go out at 09:00 on this clock. */
export const DEMO_TIMEZONE = "Asia/Shanghai";

/**
 * A county government's leadership team of seven: the principal (rank 1) holds none of the key
 * powers the default policy keeps from the principal; each deputy holds at most two.
 */
export const DEMO_TEAM: DemoMember[] = [
  member(1, ["margaret", "Margaret Chen", "County Executive"], ["wangjianguo", "王建国", "县长"], []),
  member(2, ["david", "David Okafor", "Executive Deputy"], ["liming", "李明", "常务副县长"], ["finance"]),
  member(3, ["sofia", "Sofia Ramirez", "Deputy"], ["zhangli", "张丽", "副县长"], ["projects", "procurement"]),
  member(4, ["james", "James Whitfield", "Deputy"], ["liuyang", "刘洋", "副县长"], ["personnel"]),
  member(5, ["priya", "Priya Nair", "Deputy"], ["chenjing", "陈静", "副县长"], ["approvals"]),
  member(6, ["tom", "Tom Becker", "Deputy"], ["yangfan", "杨帆", "副县长"], ["enforcement"]),
  member(7, ["lena", "Lena Novak", "Secretary-General"], ["zhaomin", "赵敏", "办公室主任"], ["assets"]),
];

function member(
  rank: number,
  [enHandle, enName, enTitle]: [string, string, string],
  [zhHandle, zhName, zhTitle]: [string, string, string],
  powers: string[],
): DemoMember {
  return {
    id: `U0DEMO000${rank}`,
    rank,
    names: {
      en: { handle: enHandle, realName: enName, title: enTitle },
      "zh-CN": { handle: zhHandle, realName: zhName, title: zhTitle },
    },
    powers,
  };
}

/** Slack's locale for a catalog language (what users.info reports). */
export function slackLocale(locale: Locale): string {
  return locale === "zh-CN" ? "zh-CN" : "en-US";
}

/** The `/lastword` command that puts a member on the roster, titles quoted as the parser takes them. */
export function rosterAddCommand(m: DemoMember, locale: Locale): string {
  const { handle, title } = m.names[locale];
  return `roster add <@${m.id}|${handle}> ${m.rank} "${title}"${m.powers.length ? ` ${m.powers.join(",")}` : ""}`;
}
