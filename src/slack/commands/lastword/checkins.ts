import {
  parseQuarter,
  quarterLabel,
  quarterOf,
  readCheckinSettings,
  QUARTER_TEXT_KEYS,
  type CheckinSettings,
} from "../../../domain/checkin/index.ts";
import type { Translate } from "../../../i18n/translate.ts";
import { planQuarter, type CheckinDeps } from "../../../usecases/checkins.ts";
import { updateTeamSettings } from "../../../usecases/manage-roster.ts";
import { complianceText } from "../../checkins/report.ts";
import type { SlackDeps } from "../../deps.ts";
import type { LastwordVerb } from "./index.ts";
import { parseMention, tokenize } from "./parse.ts";
import { privately, refusal, toChannel } from "./reply.ts";
import { changed } from "./roster.ts";

/**
 * `/lastword checkins ...`: the team's check-in report (for everyone in the channel), and for
 * admins the run-now command and the team's check-in settings.
 */
export function checkinsVerb(deps: SlackDeps & CheckinDeps): LastwordVerb {
  return async (words, actor, tr, voices) => {
    if (words[0]?.toLowerCase() !== "checkins") return undefined;
    const [, sub, ...rest] = tokenize(words.join(" "));
    const team = await deps.teams.load(actor);
    const timezone = team.settings.timezone ?? deps.defaultTimezone;
    const now = deps.clock();
    // A settings change is announced in the channel, so its summary is in the team's language.
    const settingsChange = (next: CheckinSettings, summary: (say: Translate) => string) =>
      updateTeamSettings(deps.teams, actor, { checkins: next }).then((outcome) =>
        changed(outcome, voices, undefined, () => summary(voices.channel)),
      );

    if (sub === undefined || parseQuarter(sub)) {
      const quarter = sub ? parseQuarter(sub)! : quarterOf(now, timezone);
      return toChannel(
        await complianceText(
          deps.checkins,
          actor,
          team,
          [quarter],
          now,
          deps.defaultTimezone,
          voices.channel,
        ),
      );
    }
    const settings = readCheckinSettings(team.settings.checkins);
    switch (sub.toLowerCase()) {
      case "run": {
        const quarter = parseQuarter(rest[0] ?? "");
        if (!quarter) return privately(tr("checkin.cmd.usage"));
        if (!team.admins.includes(actor.userId))
          return refusal(
            { code: "notAdmin", params: { admins: team.admins.map((a) => `<@${a}>`).join(", ") } },
            tr,
          );
        const units = await planQuarter(deps, actor, quarter, { now: true });
        const say = voices.channel;
        return toChannel(say("checkin.cmd.planned", { quarter: quarterLabel(quarter, say), units }));
      }
      case "exclude":
      case "include": {
        const user = parseMention(rest[0]);
        if (!user.ok) return privately(tr(user.error.key, user.error.params));
        const excluded = settings.excluded.filter((u) => u !== user.value);
        if (sub.toLowerCase() === "exclude") excluded.push(user.value);
        return settingsChange({ ...settings, excluded }, (tr) =>
          tr(sub.toLowerCase() === "exclude" ? "checkin.cmd.excluded" : "checkin.cmd.included", {
            user: user.value,
          }),
        );
      }
      case "day": {
        const word = (rest[0] ?? "").toLowerCase();
        const day = Number(word);
        if (word !== "first-working-day" && !(Number.isInteger(day) && day >= 1 && day <= 28))
          return privately(tr("checkin.cmd.usage"));
        const sendDay = word === "first-working-day" ? "first-working-day" : day;
        return settingsChange({ ...settings, sendDay }, (tr) =>
          tr("checkin.cmd.daySet", {
            day:
              sendDay === "first-working-day"
                ? tr("checkin.cmd.dayFirstWorkingDay")
                : tr("checkin.cmd.dayNumber", { day: sendDay }),
          }),
        );
      }
      case "text": {
        const which = QUARTER_TEXT_KEYS.find((k) => k === (rest[0] ?? "").toLowerCase());
        if (!which) return privately(tr("checkin.cmd.usage"));
        const text = rest.slice(1).join(" ").trim();
        const texts = { ...settings.texts };
        if (text) texts[which] = text;
        else delete texts[which];
        return settingsChange({ ...settings, texts }, (tr) =>
          text
            ? tr("checkin.cmd.textSet", { which: which.toUpperCase(), text })
            : tr("checkin.cmd.textCleared", { which: which.toUpperCase() }),
        );
      }
      default:
        return privately(tr("checkin.cmd.usage"));
    }
  };
}
