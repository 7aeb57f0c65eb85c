import {
  checkinMessage,
  deadlineAt,
  parseQuarter,
  readCheckinSettings,
  type CheckinMessage,
  type CheckinSettings,
  type Quarter,
} from "../../domain/checkin/index.ts";
import type { Member } from "../../domain/roster/member.ts";
import type { Translate } from "../../i18n/translate.ts";
import type { TeamSnapshot } from "../../store/team-store.ts";

/** A team's check-in for one leader, with the settings and deadline it follows. */
export interface LeaderCheckin {
  quarter: Quarter;
  settings: CheckinSettings;
  member: Member;
  deadline: Date;
}

export function leaderCheckin(
  team: TeamSnapshot,
  quarterKey: string,
  userId: string,
  defaultTimezone: string,
): LeaderCheckin | undefined {
  const quarter = parseQuarter(quarterKey);
  const member = team.members.find((m) => m.userId === userId);
  if (!quarter || !member) return undefined;
  const settings = readCheckinSettings(team.settings.checkins);
  return {
    quarter,
    settings,
    member,
    deadline: deadlineAt(quarter, settings, team.settings.timezone ?? defaultTimezone),
  };
}

export function messageFor(checkin: LeaderCheckin, tr: Translate): CheckinMessage {
  return checkinMessage({ quarter: checkin.quarter, member: checkin.member, settings: checkin.settings, tr });
}
