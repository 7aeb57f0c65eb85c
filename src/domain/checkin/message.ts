// What a check-in DM, a reminder and an escalation say, as plain text: the Slack layer lays them
// out in Block Kit. No Slack types here.

import type { checkinEn } from "../../i18n/catalog/checkin.en.ts";
import type { Params } from "../../i18n/translate.ts";
import type { Member } from "../roster/member.ts";
import type { KeyPower } from "../roster/powers.ts";
import type { LocalDate } from "./calendar.ts";
import { deadlineDate } from "./plan.ts";
import type { Quarter } from "./quarter.ts";
import { customText, type CheckinSettings } from "./settings.ts";
import type { CheckinStatus } from "./status.ts";

/** The keys this module uses: its own catalog and the core catalog's key powers. */
export type CheckinMessageKey = keyof typeof checkinEn | `power.${KeyPower}`;
/**
 * A translator for those keys. The app's `Translate` (src/i18n/translate.ts) fits once the check-in
 * catalog is part of en.ts and zh-CN.ts.
 */
export type CheckinTranslate = (key: CheckinMessageKey, params?: Params) => string;

export function quarterLabel(quarter: Quarter, tr: CheckinTranslate): string {
  return tr("checkin.quarter", { year: quarter.year, q: quarter.q });
}

export function dateLabel(date: LocalDate, tr: CheckinTranslate): string {
  return tr("checkin.date", {
    year: date.year,
    month: tr(`checkin.month.${date.month}` as CheckinMessageKey),
    day: date.day,
  });
}

/** "a, b and c" in English, "a、b、c" in Chinese. */
export function listLabel(items: readonly string[], tr: CheckinTranslate): string {
  if (items.length <= 1) return items[0] ?? "";
  return (
    items.slice(0, -1).join(tr("checkin.listSeparator")) +
    tr("checkin.listLastSeparator") +
    items[items.length - 1]
  );
}

/** The leader's portfolio in words: the key powers the roster records for them, if any. */
export function areaLabel(member: Pick<Member, "powers">, tr: CheckinTranslate): string {
  if (member.powers.length === 0) return tr("checkin.area.general");
  return tr("checkin.area.powers", {
    powers: listLabel(
      member.powers.map((p) => tr(`power.${p}`)),
      tr,
    ),
  });
}

/** The team's own text for the quarter when it set one (shown as written, in every language), else the "four ones" default. */
export function taskText(quarter: Quarter, settings: CheckinSettings, tr: CheckinTranslate): string {
  return customText(settings, quarter.q) ?? tr(`checkin.task.q${quarter.q}`);
}

export interface CheckinMessage {
  title: string;
  /** Greeting naming the leader and their title, the quarter's task, the deadline. */
  body: string[];
  /** The two halves of 一岗双责, each naming the leader's portfolio. */
  duties: { heading: string; work: string; integrity: string };
  task: string;
  area: string;
  /** The last day to answer, on the team's calendar. */
  deadline: LocalDate;
}

export function checkinMessage(input: {
  quarter: Quarter;
  member: Member;
  settings: CheckinSettings;
  tr: CheckinTranslate;
}): CheckinMessage {
  const { quarter, member, settings, tr } = input;
  const q = quarterLabel(quarter, tr);
  const title = member.title?.trim();
  const task = taskText(quarter, settings, tr);
  const area = areaLabel(member, tr);
  const deadline = deadlineDate(quarter, settings);
  return {
    title: tr("checkin.title", { quarter: q }),
    body: [
      title
        ? tr("checkin.greeting", { user: member.userId, title, quarter: q })
        : tr("checkin.greetingNoTitle", { user: member.userId, quarter: q }),
      tr("checkin.taskLine", { task }),
      tr("checkin.deadlineLine", { date: dateLabel(deadline, tr) }),
    ],
    duties: {
      heading: tr("checkin.duties.heading"),
      work: tr("checkin.duty.work", { area }),
      integrity: tr("checkin.duty.integrity", { area }),
    },
    task,
    area,
    deadline,
  };
}

export function reminderText(input: {
  quarter: Quarter;
  settings: CheckinSettings;
  tr: CheckinTranslate;
}): string {
  const { quarter, settings, tr } = input;
  return tr("checkin.reminder", {
    quarter: quarterLabel(quarter, tr),
    date: dateLabel(deadlineDate(quarter, settings), tr),
    task: taskText(quarter, settings, tr),
  });
}

export interface EscalationMessage {
  title: string;
  body: string;
  /** One line per overdue leader, in the order given. */
  lines: string[];
  why: string;
}

/** For the principal and the discipline officer (see escalationRecipients): who is overdue. */
export function escalationMessage(input: {
  quarter: Quarter;
  settings: CheckinSettings;
  channel: string;
  overdue: ReadonlyArray<Pick<Member, "userId" | "title">>;
  tr: CheckinTranslate;
}): EscalationMessage {
  const { quarter, settings, tr } = input;
  const q = quarterLabel(quarter, tr);
  return {
    title: tr("checkin.escalation.title", { quarter: q }),
    body: tr("checkin.escalation.body", {
      channel: input.channel,
      quarter: q,
      date: dateLabel(deadlineDate(quarter, settings), tr),
      count: input.overdue.length,
    }),
    lines: input.overdue.map((m) => {
      const title = m.title?.trim();
      return title
        ? tr("checkin.escalation.line", { user: m.userId, title })
        : tr("checkin.escalation.lineNoTitle", { user: m.userId });
    }),
    why: tr("checkin.escalation.why"),
  };
}

export function statusLabel(status: CheckinStatus, tr: CheckinTranslate): string {
  return tr(`checkin.status.${status}`);
}
