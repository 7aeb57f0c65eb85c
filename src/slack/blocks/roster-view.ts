import { escapeMrkdwn } from "../mrkdwn.ts";
import { isPrincipal } from "../../domain/roster/member.ts";
import { balanceWarnings, byRank } from "../../domain/roster/rules.ts";
import type { Translate } from "../../i18n/translate.ts";
import type { TeamSnapshot } from "../../store/team-store.ts";
import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;

/** The roster as a person sees it: rank order, titles, powers, roles, and the balance warnings. */
export function rosterBlocks(
  team: TeamSnapshot,
  channelId: string,
  tr: Translate,
  options: { warnings: boolean } = { warnings: true },
): { text: string; blocks: KnownBlock[] } {
  const header = tr("roster.header", { channel: channelId });
  if (team.members.length === 0) {
    const text = tr("roster.empty");
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  const lines = byRank(team.members).map((m) =>
    tr("roster.line", {
      rank: m.rank,
      user: m.userId,
      title:
        (m.title ? ` ${escapeMrkdwn(m.title)}` : "") + (isPrincipal(m) ? tr("roster.principalMark") : ""),
      powers: ` · ${m.powers.length ? m.powers.map((p) => tr(`power.${p}`)).join(", ") : tr("roster.noPowers")}`,
      roles: m.roles.length ? ` · ${m.roles.map((r) => tr(`role.${r}`)).join(", ")}` : "",
    }),
  );
  // A change's answer says its new warnings itself, once; the view then shows the roster alone.
  const warnings = options.warnings ? balanceWarningLines(team, tr) : [];
  const footer = [
    tr("roster.policyLine", { policy: tr(`policy.${team.settings.policy}`), max: team.settings.maxPowers }),
    tr("roster.adminsLine", { admins: team.admins.map((a) => `<@${a}>`).join(", ") }),
  ];
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*${header}*` } },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
  ];
  if (warnings.length) blocks.push({ type: "section", text: { type: "mrkdwn", text: warnings.join("\n") } });
  blocks.push({ type: "context", elements: footer.map((text) => ({ type: "mrkdwn" as const, text })) });
  return { text: [header, ...lines, ...warnings].join("\n"), blocks };
}

export function balanceWarningLines(team: TeamSnapshot, tr: Translate): string[] {
  return balanceWarnings(team.members, team.settings.maxPowers).map((w) =>
    tr("roster.balanceWarning", {
      user: w.userId,
      count: w.powers.length,
      powers: tr.list(w.powers.map((p) => tr(`power.${p}`))),
      max: w.max,
    }),
  );
}
