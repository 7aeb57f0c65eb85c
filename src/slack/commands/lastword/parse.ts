import { parseVoteLength } from "../../../domain/session/vote-deadline.ts";
import { z } from "zod";
import type { NamedVoteVisibility } from "../../../domain/session/vote-visibility.ts";
import type { MemberRole } from "../../../domain/roster/member.ts";
import {
  KEY_POWERS,
  parseKeyPower,
  PRINCIPAL_POLICY_NAMES,
  type KeyPower,
  type PrincipalPolicy,
} from "../../../domain/roster/powers.ts";
import { parseSessionCategory, type SessionCategory } from "../../../domain/session/category.ts";
import { canonicalTimeZone, isCalendarDate } from "../../../domain/team/settings.ts";
import type { Locale } from "../../../i18n/locales.ts";
import type { MessageKey, Params } from "../../../i18n/translate.ts";

/** The fractions a team may pick for its quorum and its vote threshold. */
export const RULE_NAMES = ["more-than-half", "two-thirds"] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** What a person typed after `/lastword`, checked and typed. */
export type LastwordCommand =
  | { kind: "help" }
  | { kind: "roster.show" }
  /** Opens the setup form: a bare `/lastword` in a channel with no team, or `roster edit`. */
  | { kind: "setup"; firstUse: boolean }
  | {
      kind: "roster.add" | "roster.set";
      userId: string;
      rank: number;
      title?: string | null;
      powers?: KeyPower[];
      shift: boolean;
    }
  | { kind: "roster.remove"; userId: string }
  | { kind: "roster.role"; userId: string; roles: MemberRole[] }
  | { kind: "policy.show" }
  | { kind: "policy.set"; policy: PrincipalPolicy }
  | { kind: "policy.maxPowers"; max: number }
  | { kind: "policy.principalProposes"; allowed: boolean }
  | { kind: "policy.turnMinutes"; minutes: number }
  | { kind: "policy.threshold"; rule: RuleName }
  | { kind: "policy.quorum"; rule: RuleName; category: SessionCategory | null }
  | { kind: "policy.start"; who: "members" | "admins" }
  | { kind: "policy.namedVotes"; visibility: NamedVoteVisibility }
  | { kind: "team.show" }
  | { kind: "team.language"; locale: Locale }
  | { kind: "team.timezone"; timezone: string }
  | { kind: "team.name"; name: string }
  | { kind: "team.calendar"; calendar: string | null }
  | { kind: "team.dayoff"; date: string; remove: boolean }
  | { kind: "team.voteDeadline"; seconds: number }
  | { kind: "admin.list" }
  | { kind: "admin.add" | "admin.remove"; userId: string }
  | { kind: "other"; words: string[] };

export type ParseError = { key: MessageKey; params?: Params };
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ParseError };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(key: MessageKey, params?: Params): Parsed<T> => ({ ok: false, error: { key, params } });

/** Splits on spaces, keeping "quoted words" (straight or Chinese quotes) together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)) tokens.push(m[1] ?? m[2] ?? m[3]!);
  return tokens;
}

// With `should_escape: true` Slack sends a mention as <@U123ABC|name> (or <@U123ABC>).
const mention = z.string().regex(/^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/);
export function parseMention(token: string | undefined): Parsed<string> {
  const m = mention.safeParse(token);
  if (!m.success) return fail("error.mentionMissing");
  return ok(m.data.slice(2).split(/[|>]/)[0]!);
}

const rank = z.coerce.number().int();
export function parseRank(token: string | undefined): Parsed<number> {
  if (token === undefined || token === "--shift") return fail("error.rankMissing");
  const r = rank.safeParse(token);
  if (!r.success) return fail("error.rankNotNumber", { value: token });
  if (r.data < 1) return fail("error.rankInvalid", { rank: r.data });
  return ok(r.data);
}

function splitList(token: string): string[] {
  return token.split(/[,，、]/).filter((w) => w.trim() !== "");
}

export function parsePowers(tokens: string[]): Parsed<KeyPower[]> {
  const powers: KeyPower[] = [];
  for (const word of tokens.flatMap(splitList)) {
    const power = parseKeyPower(word);
    if (!power) return fail("error.unknownPower", { word, powers: KEY_POWERS.join(", ") });
    powers.push(power);
  }
  return ok(powers);
}

/** `<rank> [title] [power,...] [--shift]`: a first word that is all powers means no title. */
function parseMemberFields(
  kind: "roster.add" | "roster.set",
  userId: string,
  args: string[],
): Parsed<LastwordCommand> {
  const shift = args.includes("--shift");
  const [rankToken, ...rest] = args.filter((a) => a !== "--shift");
  const r = parseRank(rankToken);
  if (!r.ok) return r;
  if (rest.length === 0)
    return ok({
      kind,
      userId,
      rank: r.value,
      shift,
      ...(kind === "roster.add" ? { title: null, powers: [] } : {}),
    });
  const first = rest[0]!;
  const firstIsPowers = splitList(first).every((w) => parseKeyPower(w) !== undefined);
  const title = firstIsPowers ? null : first;
  const powers = parsePowers(firstIsPowers ? rest : rest.slice(1));
  if (!powers.ok) return powers;
  const givenPowers =
    firstIsPowers || rest.length > 1 ? powers.value : kind === "roster.add" ? [] : undefined;
  return ok({ kind, userId, rank: r.value, shift, title, ...(givenPowers ? { powers: givenPowers } : {}) });
}

function parseRoles(token: string | undefined): Parsed<MemberRole[]> {
  if (!token) return fail("error.usage", { usage: "/lastword roster role @user discipline|secretary|none" });
  const words = splitList(token);
  if (words.length === 1 && ROLE_WORDS[keyword(words[0]!)] === "none") return ok([]);
  const roles: MemberRole[] = [];
  for (const word of words) {
    const role = ROLE_WORDS[keyword(word)];
    if (!role || role === "none") return fail("error.unknownRole", { word });
    roles.push(role);
  }
  return ok(roles);
}

/**
 * Chinese keywords for roles, policies and rules, as for powers, categories and team settings: an
 * office types 纪检负责人 or 五不直管, not their English names. Matched after NFKC and lower case, so
 * full-width letters and digits count too.
 */
const keyword = (word: string) => word.normalize("NFKC").toLowerCase();

const ROLE_WORDS: Readonly<Record<string, MemberRole | "none">> = {
  discipline: "discipline",
  纪检: "discipline",
  纪检负责人: "discipline",
  纪委书记: "discipline",
  纪检组长: "discipline",
  secretary: "secretary",
  会议记录人: "secretary",
  记录人: "secretary",
  none: "none",
  无: "none",
};

const POLICY_WORDS: Readonly<Record<string, string>> = {
  四不直接分管: "four",
  五不直管: "five",
  八不直接分管: "eight",
  分管上限: "max-powers",
  主要负责人提议: "principal-proposes",
  通过比例: "threshold",
  到会人数: "quorum",
  发起: "start",
  发起议题: "start",
  发言时限: "turn-minutes",
};

const RULE_WORDS: Readonly<Record<string, (typeof RULE_NAMES)[number]>> = {
  "more-than-half": "more-than-half",
  "two-thirds": "two-thirds",
  过半数: "more-than-half",
  超过半数: "more-than-half",
  半数以上: "more-than-half",
  三分之二: "two-thirds",
  三分之二以上: "two-thirds",
};

const YES_NO_WORDS: Readonly<Record<string, boolean>> = {
  yes: true,
  no: false,
  是: true,
  否: false,
  允许: true,
  不允许: false,
};

const START_WORDS: Readonly<Record<string, "members" | "admins">> = {
  members: "members",
  admins: "admins",
  成员: "members",
  班子成员: "members",
  管理员: "admins",
};

export function parseLastword(text: string): Parsed<LastwordCommand> {
  const [verb, ...args] = tokenize(text);
  switch (verb?.toLowerCase()) {
    case undefined:
      // A channel's first `/lastword` sets up its team; after that it is help.
      return ok({ kind: "setup", firstUse: true });
    case "help":
      return ok({ kind: "help" });
    case "roster":
    case "名单":
      return parseRoster(args);
    case "policy":
    case "规则":
      return parsePolicy(args);
    case "admin":
    case "admins":
    case "管理员":
      return parseAdmin(args);
    case "team":
    case "团队":
    case "班子":
      return parseTeam(args);
    default:
      // Other verbs (ledger, checkins, ...) belong to other modules; they get the words as typed.
      return ok({ kind: "other", words: [verb!, ...args] });
  }
}

function parseRoster(args: string[]): Parsed<LastwordCommand> {
  const [sub, who, ...rest] = args;
  if (sub === undefined) return ok({ kind: "roster.show" });
  const action = sub.toLowerCase();
  if (action === "edit" || action === "编辑") return ok({ kind: "setup", firstUse: false });
  if (!["add", "set", "remove", "role"].includes(action))
    return fail("error.unknownSubcommand", { word: `roster ${sub}` });
  const user = parseMention(who);
  if (!user.ok) return user;
  switch (action) {
    case "add":
      return parseMemberFields("roster.add", user.value, rest);
    case "set":
      return parseMemberFields("roster.set", user.value, rest);
    case "remove":
      return ok({ kind: "roster.remove", userId: user.value });
    default: {
      const roles = parseRoles(rest[0]);
      return roles.ok ? ok({ kind: "roster.role", userId: user.value, roles: roles.value }) : roles;
    }
  }
}

/** Chinese keywords too, as for powers and categories: 隐藏 (until the close), 公开 (as cast). */
const NAMED_VOTE_WORDS: Readonly<Record<string, NamedVoteVisibility>> = {
  hidden: "hidden",
  live: "live",
  隐藏: "hidden",
  公开: "live",
};

function parsePolicy(args: string[]): Parsed<LastwordCommand> {
  const [word, value] = args;
  if (word === undefined) return ok({ kind: "policy.show" });
  const lower = POLICY_WORDS[keyword(word)] ?? word.toLowerCase();
  const answer = value === undefined ? undefined : keyword(value);
  if ((PRINCIPAL_POLICY_NAMES as string[]).includes(lower))
    return ok({ kind: "policy.set", policy: lower as PrincipalPolicy });
  if (lower === "max-powers") {
    const n = z.coerce.number().int().safeParse(answer);
    if (answer === undefined || !n.success)
      return fail("error.usage", { usage: "/lastword policy max-powers 2" });
    return ok({ kind: "policy.maxPowers", max: n.data });
  }
  if (lower === "principal-proposes") {
    const allowed = YES_NO_WORDS[answer ?? ""];
    if (allowed === undefined)
      return fail("error.usage", { usage: "/lastword policy principal-proposes yes|no" });
    return ok({ kind: "policy.principalProposes", allowed });
  }
  if (lower === "threshold" || lower === "quorum") {
    const rule = RULE_WORDS[answer ?? ""];
    const usage =
      lower === "threshold"
        ? "/lastword policy threshold more-than-half|two-thirds"
        : "/lastword policy quorum more-than-half|two-thirds [category]";
    if (!rule) return fail("error.usage", { usage });
    if (lower === "threshold") return ok({ kind: "policy.threshold", rule });
    const categoryWord = args[2];
    const category = categoryWord === undefined ? null : parseSessionCategory(categoryWord);
    if (category === undefined) return fail("error.unknownCategory", { category: categoryWord ?? "" });
    return ok({ kind: "policy.quorum", rule, category });
  }
  if (lower === "start") {
    const who = START_WORDS[answer ?? ""];
    if (!who) return fail("error.usage", { usage: "/lastword policy start members|admins" });
    return ok({ kind: "policy.start", who });
  }
  if (lower === "named-votes" || lower === "记名表决") {
    const visibility = NAMED_VOTE_WORDS[answer ?? ""];
    if (!visibility) return fail("error.usage", { usage: "/lastword policy named-votes hidden|live" });
    return ok({ kind: "policy.namedVotes", visibility });
  }
  if (lower === "turn-minutes") {
    const n = z.coerce.number().int().min(1).max(10_080).safeParse(answer);
    if (answer === undefined || !n.success)
      return fail("error.usage", { usage: "/lastword policy turn-minutes 10" });
    return ok({ kind: "policy.turnMinutes", minutes: n.data });
  }
  return fail("error.unknownPolicy", { word });
}

function parseAdmin(args: string[]): Parsed<LastwordCommand> {
  const [sub, who] = args;
  if (sub === undefined) return ok({ kind: "admin.list" });
  const action = sub.toLowerCase();
  if (action !== "add" && action !== "remove")
    return fail("error.unknownSubcommand", { word: `admin ${sub}` });
  const user = parseMention(who);
  return user.ok ? ok({ kind: action === "add" ? "admin.add" : "admin.remove", userId: user.value }) : user;
}

// Chinese keywords for the team's settings, as for powers and categories: an office types them.
const TEAM_SETTINGS: Record<
  string,
  "language" | "timezone" | "name" | "calendar" | "dayoff" | "voteDeadline"
> = {
  language: "language",
  语言: "language",
  timezone: "timezone",
  时区: "timezone",
  name: "name",
  名称: "name",
  calendar: "calendar",
  日历: "calendar",
  dayoff: "dayoff",
  休息日: "dayoff",
  "vote-deadline": "voteDeadline",
  表决时限: "voteDeadline",
};
const LANGUAGES: Record<string, Locale> = {
  "zh-cn": "zh-CN",
  zh: "zh-CN",
  中文: "zh-CN",
  简体中文: "zh-CN",
  en: "en",
  english: "en",
  英文: "en",
  英语: "en",
};
const NO_CALENDAR = new Set(["none", "无", "不设"]);
const REMOVE = new Set(["remove", "删除"]);

/** The team's language as typed (zh-CN, 中文, en, 英文...); the command and the setup form share it. */
export function parseLanguage(value: string | undefined): Parsed<Locale> {
  const locale = value === undefined ? undefined : LANGUAGES[value.toLowerCase()];
  return locale ? ok(locale) : fail("error.usage", { usage: "/lastword team language zh-CN|en" });
}

export function parseTimezone(value: string | undefined): Parsed<string> {
  if (value === undefined) return fail("error.usage", { usage: "/lastword team timezone Asia/Shanghai" });
  const timezone = canonicalTimeZone(value);
  return timezone ? ok(timezone) : fail("error.unknownTimezone", { zone: value });
}

export const MAX_TEAM_NAME = 80;

export function parseTeamName(value: string): Parsed<string> {
  const name = value.trim();
  if (name === "" || name.length > MAX_TEAM_NAME)
    return fail("error.usage", { usage: '/lastword team name "县政府领导班子"' });
  return ok(name);
}

/** A country code (CN, US) or none; whether the holiday library knows it is checked by the caller. */
export function parseCalendarWord(value: string | undefined): Parsed<string | null> {
  if (value === undefined) return fail("error.usage", { usage: "/lastword team calendar CN|US|none" });
  if (NO_CALENDAR.has(value.toLowerCase())) return ok(null);
  return /^[A-Za-z]{2}$/.test(value)
    ? ok(value.toUpperCase())
    : fail("error.unknownCalendar", { calendar: value });
}

function parseTeam(args: string[]): Parsed<LastwordCommand> {
  const [word, ...values] = args;
  if (word === undefined) return ok({ kind: "team.show" });
  const setting = TEAM_SETTINGS[word.toLowerCase()];
  const value = values[0];
  switch (setting) {
    case "language": {
      const locale = parseLanguage(value);
      return locale.ok ? ok({ kind: "team.language", locale: locale.value }) : locale;
    }
    case "timezone": {
      const timezone = parseTimezone(value);
      return timezone.ok ? ok({ kind: "team.timezone", timezone: timezone.value }) : timezone;
    }
    case "name": {
      const name = parseTeamName(values.join(" "));
      return name.ok ? ok({ kind: "team.name", name: name.value }) : name;
    }
    case "calendar": {
      const calendar = parseCalendarWord(value);
      return calendar.ok ? ok({ kind: "team.calendar", calendar: calendar.value }) : calendar;
    }
    case "dayoff": {
      const remove = value !== undefined && REMOVE.has(value.toLowerCase());
      const date = remove ? values[1] : value;
      if (date === undefined || !isCalendarDate(date))
        return fail("error.usage", { usage: "/lastword team dayoff [remove] 2027-02-10" });
      return ok({ kind: "team.dayoff", date, remove });
    }
    case "voteDeadline": {
      const seconds = value === undefined ? undefined : parseVoteLength(value);
      return seconds
        ? ok({ kind: "team.voteDeadline", seconds })
        : fail("error.usage", { usage: "/lastword team vote-deadline 24h|90m|3d" });
    }
    default:
      return fail("error.unknownSubcommand", { word: `team ${word}` });
  }
}
