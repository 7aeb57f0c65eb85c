import { SUPPORTED_LOCALES } from "../../../i18n/locales.ts";
import { translator } from "../../../i18n/translate.ts";
import { chineseScheduleYears, isKnownCalendar } from "../../../calendars/working-days.ts";
import {
  changeDayOff,
  updateTeamSettings,
  updateVoteRules,
  type Actor,
} from "../../../usecases/manage-roster.ts";
import { teamVoteSeconds } from "../../../usecases/run-session.ts";
import { voteLengthLabel } from "../../blocks/vote-message.ts";
import type { SlackDeps } from "../../deps.ts";
import type { Voices } from "../../locale.ts";
import { escapeMrkdwn } from "../../mrkdwn.ts";
import type { LastwordCommand } from "./parse.ts";
import { privately, type Reply } from "./reply.ts";
import { changed } from "./roster.ts";

type TeamCommand = Extract<LastwordCommand, { kind: `team.${string}` }>;

/** `/lastword team ...`: shows the team's own settings to anyone; admins change them. */
export async function teamReply(
  cmd: TeamCommand,
  actor: Actor,
  deps: SlackDeps,
  voices: Voices,
): Promise<Reply> {
  const tr = voices.channel;
  switch (cmd.kind) {
    case "team.show":
      return showSettings(actor, deps, voices);
    case "team.language": {
      // The channel hears of its new language in that language.
      const next = translator(cmd.locale);
      return changed(
        await updateTeamSettings(deps.teams, actor, { locale: cmd.locale }),
        voices,
        undefined,
        () => next("team.languageSet", { language: next(`team.language.${cmd.locale}`) }),
      );
    }
    case "team.timezone":
      return changed(
        await updateTeamSettings(deps.teams, actor, { timezone: cmd.timezone }),
        voices,
        undefined,
        () => tr("team.timezoneSet", { timezone: cmd.timezone }),
      );
    case "team.name":
      return changed(await updateTeamSettings(deps.teams, actor, { name: cmd.name }), voices, undefined, () =>
        tr("team.nameSet", { name: escapeMrkdwn(cmd.name) }),
      );
    case "team.calendar": {
      if (cmd.calendar && !(await isKnownCalendar(cmd.calendar)))
        return privately(voices.reader("error.unknownCalendar", { calendar: cmd.calendar }));
      return changed(
        await updateTeamSettings(deps.teams, actor, { calendar: cmd.calendar }),
        voices,
        undefined,
        () => (cmd.calendar ? tr("team.calendarSet", { calendar: cmd.calendar }) : tr("team.calendarNone")),
      );
    }
    case "team.voteDeadline":
      return changed(
        await updateVoteRules(deps.teams, actor, { voteSeconds: cmd.seconds }),
        voices,
        undefined,
        () => tr("team.voteLengthSet", { length: voteLengthLabel(cmd.seconds, tr) }),
      );
    case "team.dayoff":
      return changed(await changeDayOff(deps.teams, actor, cmd.date, cmd.remove), voices, undefined, () =>
        tr(cmd.remove ? "team.dayOffRemoved" : "team.dayOffAdded", { date: cmd.date }),
      );
  }
}

async function showSettings(actor: Actor, deps: SlackDeps, { reader: tr }: Voices): Promise<Reply> {
  const { settings, exists } = await deps.teams.load(actor);
  if (!exists) return privately(tr("roster.empty"));
  const unset = (value: string) => tr("team.defaultValue", { value });
  const language = SUPPORTED_LOCALES.find((l) => l === settings.locale);
  const lines = [
    tr("team.header", { name: settings.name ?? `<#${actor.channelId}>` }),
    tr("team.languageLine", {
      language: language ? tr(`team.language.${language}`) : unset(tr(`team.language.${deps.defaultLocale}`)),
    }),
    tr("team.timezoneLine", { timezone: settings.timezone ?? unset(deps.defaultTimezone) }),
    tr("team.calendarLine", {
      calendar: settings.calendar ?? tr("team.calendarWeekdays"),
    }),
  ];
  if (settings.calendar === "CN") {
    const years = await chineseScheduleYears();
    lines.push(tr("team.calendarChina", { first: years.first, last: years.last }));
  }
  lines.push(
    tr("team.daysOffLine", { days: settings.daysOff.length ? tr.list(settings.daysOff) : tr("team.none") }),
    tr("team.voteLengthLine", { length: voteLengthLabel(teamVoteSeconds(settings), tr) }),
    tr("team.changeHint"),
  );
  return privately(lines.join("\n"));
}
