import { KEY_POWERS } from "../../../domain/roster/powers.ts";
import type { Translate } from "../../../i18n/translate.ts";
import type { Reply } from "./reply.ts";

const LINES = [
  "help.setup",
  "help.roster",
  "help.rosterAdd",
  "help.rosterSet",
  "help.rosterRemove",
  "help.rosterRole",
  "help.policy",
  "help.maxPowers",
  "help.principalProposes",
  "help.turnMinutes",
  "help.threshold",
  "help.policyStart",
  "help.policyNamedVotes",
  "help.decide",
  "help.team",
  "help.admin",
  "help.ledger",
  "help.receipt",
  "help.status",
  "help.checkins",
  "help.help",
] as const;

/** Every command with an example, in the caller's language. */
export function helpReply(tr: Translate): Reply {
  const powers = tr("help.powers", {
    powers: KEY_POWERS.map((p) => `\`${p}\` (${tr(`power.${p}`)})`).join(", "),
  });
  const body = [...LINES.map((k) => `• ${tr(k)}`), powers].join("\n");
  return {
    text: `${tr("help.title")}\n${tr("help.intro")}\n${body}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${tr("help.title")}*\n${tr("help.intro")}` } },
      { type: "section", text: { type: "mrkdwn", text: body } },
    ],
  };
}
