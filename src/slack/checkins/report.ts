import {
  checkinStatus,
  complianceReport,
  deadlineAt,
  owesCheckin,
  previousQuarter,
  quarterOf,
  quarterKey,
  quarterLabel,
  readCheckinSettings,
  statusLabel,
  type ComplianceRow,
  type Quarter,
} from "../../domain/checkin/index.ts";
import type { Translate } from "../../i18n/translate.ts";
import type { CheckinStore } from "../../store/checkin-store.ts";
import type { TeamRef, TeamSnapshot } from "../../store/team-store.ts";
import { answerOf } from "./jobs.ts";

/**
 * Where a team's check-ins stand for some quarters, as text: per quarter the counts and each
 * leader's status. Leaders who should have had one but have no record yet count as open (or
 * overdue once the deadline has passed).
 */
export async function complianceText(
  checkins: CheckinStore,
  team: TeamRef,
  snapshot: TeamSnapshot,
  quarters: Quarter[],
  now: Date,
  defaultTimezone: string,
  tr: Translate,
): Promise<string> {
  const settings = readCheckinSettings(snapshot.settings.checkins);
  const timezone = snapshot.settings.timezone ?? defaultTimezone;
  const leaders = snapshot.members.filter((m) => !settings.excluded.includes(m.userId));
  const stored = await checkins.forTeam(team, quarters.map(quarterKey));
  const rows: ComplianceRow[] = [];
  const quarterAt = (at: Date | null | undefined) => quarterOf(at ?? now, timezone);
  const teamSetUp = quarterAt(snapshot.createdAt);
  for (const quarter of quarters) {
    const deadline = deadlineAt(quarter, settings, timezone);
    for (const m of leaders) {
      if (!owesCheckin(quarter, quarterAt(snapshot.joinedAt[m.userId]), teamSetUp)) continue;
      const row = stored.find((r) => r.userId === m.userId && r.quarter === quarterKey(quarter));
      rows.push({
        userId: m.userId,
        quarter,
        status: checkinStatus({ answer: answerOf(row), deadline }, now),
      });
    }
  }
  const report = complianceReport(
    rows,
    snapshot.members.map((m) => m.userId),
  );
  const lines: string[] = [];
  for (const q of [...report.quarters].reverse()) {
    lines.push(`*${tr("checkin.report.title", { quarter: quarterLabel(q.quarter, tr) })}*`);
    lines.push(tr("checkin.report.summary", { ...q.counts }));
    for (const leader of q.leaders)
      lines.push(tr("checkin.report.line", { user: leader.userId, status: statusLabel(leader.status, tr) }));
  }
  return lines.join("\n") || tr("checkin.report.empty", { quarter: quarterLabel(quarters[0]!, tr) });
}

/** The quarter asked for and the three before it, newest first. */
export function recentQuarters(quarter: Quarter, count = 4): Quarter[] {
  const out = [quarter];
  while (out.length < count) out.push(previousQuarter(out[out.length - 1]!));
  return out;
}
