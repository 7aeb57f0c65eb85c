// A team's settings for the quarterly duty check-ins (一岗双责, the "four ones" 四个一).

export type UserId = string;

export const QUARTER_TEXT_KEYS = ["q1", "q2", "q3", "q4"] as const;
export type QuarterTextKey = (typeof QUARTER_TEXT_KEYS)[number];

export interface CheckinSettings {
  /**
   * The day the check-in goes out: the first working day of the quarter, or a day (1..28) of the
   * quarter's first month. A numbered day is used as is, even on a weekend.
   */
  sendDay: "first-working-day" | number;
  /** The hour (0..23) on the leader's clock at which check-ins and reminders go out. */
  sendHour: number;
  /** The last day to answer: the quarter's last day, or a day (1..28) of the quarter's last month. */
  deadlineDay: "last-day" | number;
  /** How many days before the deadline day the reminder goes out (0 = on the deadline day). */
  reminderDaysBefore: number;
  /** Members who get no check-ins (on leave, seconded elsewhere, ...). */
  excluded: UserId[];
  /** The team's own wording of a quarter's task, replacing the default "four ones" text. */
  texts: Partial<Record<QuarterTextKey, string>>;
}

/** Shared: do not mutate it; `readCheckinSettings({})` gives a fresh copy. */
export const DEFAULT_CHECKIN_SETTINGS: CheckinSettings = {
  sendDay: "first-working-day",
  sendHour: 9,
  deadlineDay: "last-day",
  reminderDaysBefore: 7,
  excluded: [],
  texts: {},
};

/** Days of a month every month has, so a numbered day exists in every quarter. */
export const MAX_SETTING_DAY = 28;
/** A quarter is at least 90 days long; a reminder further back would come before the send. */
export const MAX_REMINDER_DAYS_BEFORE = 60;

export type CheckinSettingsProblem =
  | "sendDay"
  | "sendHour"
  | "deadlineDay"
  | "reminderDaysBefore"
  | "excluded"
  | "texts";

const isDayOfMonth = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_SETTING_DAY;
const validSendDay = (v: unknown): v is CheckinSettings["sendDay"] =>
  v === "first-working-day" || isDayOfMonth(v);
const validDeadlineDay = (v: unknown): v is CheckinSettings["deadlineDay"] =>
  v === "last-day" || isDayOfMonth(v);
const validSendHour = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 23;
const validReminder = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_REMINDER_DAYS_BEFORE;
const validExcluded = (v: unknown): v is UserId[] =>
  Array.isArray(v) && v.every((u) => typeof u === "string" && u !== "");
const validTexts = (v: unknown): v is CheckinSettings["texts"] =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.entries(v).every(
    ([k, t]) =>
      (QUARTER_TEXT_KEYS as readonly string[]).includes(k) && (t === undefined || typeof t === "string"),
  );

/** The fields that are out of range, in a fixed order; empty when the settings can be used. */
export function checkinSettingsProblems(s: CheckinSettings): CheckinSettingsProblem[] {
  const problems: CheckinSettingsProblem[] = [];
  if (!validSendDay(s.sendDay)) problems.push("sendDay");
  if (!validSendHour(s.sendHour)) problems.push("sendHour");
  if (!validDeadlineDay(s.deadlineDay)) problems.push("deadlineDay");
  if (!validReminder(s.reminderDaysBefore)) problems.push("reminderDaysBefore");
  if (!validExcluded(s.excluded)) problems.push("excluded");
  if (!validTexts(s.texts)) problems.push("texts");
  return problems;
}

/**
 * Settings as stored (a JSON object, `{}` for a team that never changed them): every field that is
 * missing or out of range takes its default, so a bad value never stops the check-ins.
 */
export function readCheckinSettings(raw: unknown): CheckinSettings {
  const r = (typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<
    string,
    unknown
  >;
  const d = DEFAULT_CHECKIN_SETTINGS;
  return {
    sendDay: validSendDay(r.sendDay) ? r.sendDay : d.sendDay,
    sendHour: validSendHour(r.sendHour) ? r.sendHour : d.sendHour,
    deadlineDay: validDeadlineDay(r.deadlineDay) ? r.deadlineDay : d.deadlineDay,
    reminderDaysBefore: validReminder(r.reminderDaysBefore) ? r.reminderDaysBefore : d.reminderDaysBefore,
    excluded: validExcluded(r.excluded) ? [...new Set(r.excluded)] : [],
    texts: validTexts(r.texts) ? { ...r.texts } : {},
  };
}

/** The team's own text for the quarter, when it set a non-blank one. */
export function customText(settings: CheckinSettings, q: 1 | 2 | 3 | 4): string | undefined {
  const text = settings.texts[`q${q}`]?.trim();
  return text ? text : undefined;
}
