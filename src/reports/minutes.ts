import type { Member } from "../domain/roster/member.ts";
import type { SessionCategory } from "../domain/session/category.ts";
import type {
  MarkedAbsentEvent,
  OutOfTurnEvent,
  SessionEvent,
  SessionEventType,
  StartedEvent,
} from "../domain/session/events.ts";
import { evolve } from "../domain/session/evolve.ts";
import {
  currentText,
  initialState,
  isClosed,
  type SessionState,
  type StatementRecord,
  type TurnSlot,
} from "../domain/session/state.ts";
import type { UserId } from "../domain/session/types.ts";
import type { MessageKey, Params, Translate } from "../i18n/translate.ts";

/*
 * The minutes (会议纪要) of a session, in Markdown, derived from its ledger alone: what a discipline
 * officer reads to check that the rules were kept. Pure: the same events give the same text.
 */

export interface MinutesMeta {
  /** The per-team session number people type. */
  number: number;
  channelId: string;
  /** The team's timezone, which every time in the minutes is shown in (UTC when not given). */
  timezone?: string;
}

/** The minutes' words: the reader's language, and times in the team's timezone. */
type Words = Translate & { time(at: unknown): string };

/**
 * The event types the minutes describe in their own sections. Entries of any other type (votes,
 * or whatever a later version appends) are listed generically, by type, actor and time.
 */
const DESCRIBED_TYPES: ReadonlySet<string> = new Set<SessionEventType>([
  "started",
  "turn_started",
  "statement",
  "turn_finished",
  "passed",
  "principal_concluded",
  "skipped",
  "marked_absent",
  "recused",
  "out_of_turn",
  "statement_edited",
  "statement_deleted",
  "turn_reminded",
  "turn_timed_out",
  "paused",
  "resumed",
  "voting_opened",
  "deferred",
  "cancelled",
  "vote_cast",
  "ballot_cast",
  "vote_closed",
  "voters_reminded",
]);

/** What a ledger may hold: this version's events, and whatever later versions append. */
type LedgerEvent = SessionEvent | { type: string; at?: unknown; by?: unknown; userId?: unknown };

/**
 * The state after the events. evolve has no case for a type this build does not know (an entry
 * written by a newer version); such an entry leaves the state as it was instead of breaking it.
 */
function foldTolerant(events: readonly LedgerEvent[]): SessionState {
  return events.reduce<SessionState>((state, e) => evolve(state, e as SessionEvent) ?? state, initialState);
}

export function minutesMarkdown(events: readonly SessionEvent[], meta: MinutesMeta, tr: Translate): string {
  const timezone = meta.timezone ?? "UTC";
  const words: Words = Object.assign((key: MessageKey, params?: Params) => tr(key, params), {
    locale: tr.locale,
    list: tr.list,
    time: (at: unknown) => formatAt(at, timezone),
  });
  return minutesIn(events, meta, words, timezone);
}

function minutesIn(events: readonly SessionEvent[], meta: MinutesMeta, tr: Words, timezone: string): string {
  const all = events as readonly LedgerEvent[];
  const known = all.filter((e): e is SessionEvent => DESCRIBED_TYPES.has(e.type));
  const state = foldTolerant(all);
  const started = known.find((e): e is StartedEvent => e.type === "started");
  const roster = started?.roster ?? [];
  const sections: string[][] = [
    headerLines(meta, started, tr),
    started ? proposalLines(started, roster, tr) : [],
    started ? attendanceLines(state, known, roster, tr) : [],
    speakingOrderLines(state, known, roster, tr),
    outOfTurnLines(state, known, tr),
    conductLines(known, tr),
    voteLines(state, known, tr),
    otherEntryLines(all, tr),
    statusLines(state, tr),
    [tr("minutes.footer", { entries: all.length, timezone })],
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join("\n"))
    .join("\n\n")}\n`;
}

// ---- labels shared with the ledger list -------------------------------------------------------

/** "2025-03-01 09:00:05 UTC": readable, unambiguous, and sorts like the ISO instant it comes from. */
export function formatUtc(at: unknown): string {
  const millis = at instanceof Date ? at.getTime() : typeof at === "string" ? Date.parse(at) : NaN;
  if (Number.isNaN(millis)) return String(at);
  return `${new Date(millis).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "2025-03-01 17:00:05 (Asia/Shanghai)": the wall clock of the team's zone, the zone named. */
export function formatAt(at: unknown, timezone: string): string {
  if (timezone === "UTC") return formatUtc(at);
  const millis = at instanceof Date ? at.getTime() : typeof at === "string" ? Date.parse(at) : NaN;
  if (Number.isNaN(millis)) return String(at);
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(millis));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")} (${timezone})`;
}

export function categoryLabel(category: SessionCategory, tr: Translate): string {
  return tr(`category.${category}`);
}

const PHASE_KEYS: Readonly<Record<string, MessageKey>> = {
  new: "ledger.phase.new",
  speaking: "ledger.phase.speaking",
  voting: "ledger.phase.voting",
  paused: "ledger.phase.paused",
  deferred: "ledger.phase.deferred",
  cancelled: "ledger.phase.cancelled",
  closed: "ledger.phase.closed",
};

const OUTCOME_KEYS: Readonly<Record<string, MessageKey>> = {
  passed: "ledger.outcome.passed",
  rejected: "ledger.outcome.rejected",
  partly_passed: "ledger.outcome.partlyPassed",
  no_quorum: "ledger.outcome.noQuorum",
  deferred: "ledger.outcome.deferred",
};

/** A phase or outcome a later version may add is shown as stored rather than hidden. */
export function phaseLabel(phase: string, tr: Translate): string {
  const key = PHASE_KEYS[phase];
  return key ? tr(key) : phase;
}

export function outcomeLabel(outcome: string, tr: Translate): string {
  const key = OUTCOME_KEYS[outcome];
  return key ? tr(key) : outcome;
}

// ---- sections ---------------------------------------------------------------------------------

function headerLines(meta: MinutesMeta, started: StartedEvent | undefined, tr: Words): string[] {
  const facts = started
    ? [
        tr("minutes.matter", { matter: oneLine(started.matter) }),
        tr("minutes.category", { category: categoryLabel(started.category, tr) }),
        tr("minutes.started", { at: tr.time(started.at), user: started.chairId }),
        started.principalId
          ? tr("minutes.principal", { user: started.principalId })
          : tr("minutes.noPrincipal"),
        tr("minutes.ballot", { ballot: tr(`ballot.${started.ballot}`) }),
        tr("minutes.quorum", {
          present: started.quorum.present,
          rosterSize: started.quorum.rosterSize,
          required: started.quorum.required,
        }),
      ]
    : [tr("minutes.notStarted")];
  return [
    tr("minutes.title", { number: meta.number }),
    "",
    ...[tr("minutes.team", { channel: meta.channelId }), ...facts].map((l) => `- ${l}`),
  ];
}

/** 首提责任制: the first proposer, and whether they are the one who should be proposing. */
function proposalLines(started: StartedEvent, roster: readonly Member[], tr: Words): string[] {
  const lines = [
    tr("minutes.proposal"),
    "",
    tr("minutes.proposer", { member: memberLabel(roster, started.proposerId, tr) }),
  ];
  if (started.proposerIsPrincipal) lines.push("", tr("minutes.proposerIsPrincipal"));
  if (started.proposerInCharge === false) lines.push("", tr("minutes.proposerNotInCharge"));
  else if (started.proposerInCharge === true) lines.push("", tr("minutes.proposerInCharge"));
  else lines.push("", tr("minutes.noDeputyInCharge"));
  const recommendations = recommendationsOf(started);
  if (recommendations.length > 0) {
    lines.push("", tr("minutes.recommenders"));
    for (const r of recommendations) {
      const recommender = r.recommenderId
        ? memberLabel(roster, r.recommenderId, tr)
        : tr("minutes.noRecommender");
      lines.push(`- ${tr("minutes.recommendation", { nominee: r.nominee, recommender })}`);
    }
  }
  return lines;
}

/** 实名推荐, 推荐人负责: a nominee in a personnel matter and the member who recommended them. */
interface Recommendation {
  nominee: string;
  recommenderId: UserId | null;
}

/**
 * The nominees of a personnel matter and their recommenders. Read defensively: ledgers written
 * before nominees were recorded have no `questions`, and the minutes must still read them.
 */
function recommendationsOf(started: StartedEvent): Recommendation[] {
  const questions = (started as { questions?: unknown }).questions;
  if (!Array.isArray(questions)) return [];
  return questions.flatMap((q: unknown): Recommendation[] => {
    const { kind, name, recommenderId } = (q ?? {}) as {
      kind?: unknown;
      name?: unknown;
      recommenderId?: unknown;
    };
    if (kind !== "nominee" || typeof name !== "string") return [];
    return [{ nominee: name, recommenderId: typeof recommenderId === "string" ? recommenderId : null }];
  });
}

function attendanceLines(
  state: SessionState,
  events: readonly SessionEvent[],
  roster: readonly Member[],
  tr: Words,
): string[] {
  const recusedIds = new Set(state.recused.map((r) => r.userId));
  const present = [...roster]
    .sort((a, b) => a.rank - b.rank)
    .filter((m) => !state.absent.includes(m.userId) && !recusedIds.has(m.userId));
  const markedAbsent = new Map(
    events.filter((e): e is MarkedAbsentEvent => e.type === "marked_absent").map((e) => [e.userId, e]),
  );
  const absentLine = (userId: UserId): string => {
    const marked = markedAbsent.get(userId);
    const why = marked
      ? tr("minutes.markedAbsent", {
          at: tr.time(marked.at),
          by: marked.by,
          reason: oneLine(marked.reason),
        })
      : tr("minutes.absentAtStart");
    return `- ${tr("minutes.memberNote", { member: memberLabel(roster, userId, tr), note: why })}`;
  };
  const noneIfEmpty = (items: string[]) => (items.length > 0 ? items : [`- ${tr("minutes.none")}`]);
  return [
    tr("minutes.attendance"),
    "",
    tr("minutes.present", { count: present.length }),
    ...noneIfEmpty(present.map((m) => `- ${memberLabel(roster, m.userId, tr)}`)),
    "",
    tr("minutes.absent", { count: state.absent.length }),
    ...noneIfEmpty(state.absent.map(absentLine)),
    "",
    tr("minutes.recused", { count: state.recused.length }),
    ...noneIfEmpty(
      state.recused.map(
        (r) =>
          `- ${tr("minutes.memberNote", { member: memberLabel(roster, r.userId, tr), note: tr("minutes.recusal", { at: tr.time(r.at), by: r.by, reason: oneLine(r.reason) }) })}`,
      ),
    ),
  ];
}

/** How each turn went, read from the events: the state keeps outcomes but not who or why. */
interface TurnLog {
  calledAt?: string;
  ended?: SessionEvent;
  remindedAt?: string;
  timedOutAt?: string;
}

function turnLogs(events: readonly SessionEvent[]): Map<number, TurnLog> {
  const logs = new Map<number, TurnLog>();
  const log = (i: number): TurnLog => {
    let entry = logs.get(i);
    if (!entry) {
      entry = {};
      logs.set(i, entry);
    }
    return entry;
  };
  for (const e of events) {
    switch (e.type) {
      case "turn_started":
        log(e.turnIndex).calledAt = e.at;
        break;
      case "turn_finished":
      case "passed":
      case "principal_concluded":
      case "skipped":
      case "marked_absent":
        log(e.turnIndex).ended ??= e;
        break;
      case "turn_reminded":
        log(e.turnIndex).remindedAt = e.at;
        break;
      case "turn_timed_out":
        log(e.turnIndex).timedOutAt = e.at;
        break;
      default:
        break;
    }
  }
  return logs;
}

function speakingOrderLines(
  state: SessionState,
  events: readonly SessionEvent[],
  roster: readonly Member[],
  tr: Words,
): string[] {
  if (state.turns.length === 0) return [];
  const logs = turnLogs(events);
  const turns = state.turns.map((turn, index) => {
    const log = logs.get(index) ?? {};
    // The catalog decides the spacing: English puts a space before the bracket, Chinese does not.
    const called = log.calledAt ? tr("minutes.called", { at: tr.time(log.calledAt) }) : "";
    const heading = tr("minutes.turn", {
      position: index + 1,
      member: memberLabel(roster, turn.userId, tr),
      kind: tr(`minutes.kind.${turn.kind}`),
    });
    // Each message is its own quoted paragraph, indented to stay inside the list item.
    const statements = state.statements
      .filter((s) => s.turnIndex === index)
      .map((s) =>
        statementLines(s, tr)
          .map((l) => `   > ${l}`)
          .join("\n"),
      );
    const notes = [
      log.remindedAt ? tr("minutes.turn.reminded", { at: tr.time(log.remindedAt) }) : null,
      log.timedOutAt ? tr("minutes.turn.timedOut", { at: tr.time(log.timedOutAt) }) : null,
      turnOutcomeLine(turn, index, log, state, tr),
    ].filter((n): n is string => n !== null);
    return [heading + called, ...statements, notes.map((n) => `   ${n}`).join("\n")].join("\n\n");
  });
  return [tr("minutes.order"), "", turns.join("\n\n")];
}

/** Every message of a statement: the text it reads now, with any edit or withdrawal noted. */
function statementLines(statement: StatementRecord, tr: Words): string[] {
  const text = currentText(statement);
  // A withdrawn message is no longer part of the statement, but the record keeps what it said.
  const body =
    statement.deletedAt === null
      ? text
      : tr("minutes.deleted", { at: tr.time(statement.deletedAt), text: oneLine(text) });
  const [first = "", ...rest] = body.split(/\r?\n/);
  const lines = [tr("minutes.message", { at: tr.time(statement.at), text: first }), ...rest];
  const lastEdit = statement.edits.at(-1);
  if (lastEdit) {
    lines.push(
      tr("minutes.edited", {
        count: statement.edits.length,
        at: tr.time(lastEdit.at),
        original: oneLine(statement.text),
      }),
    );
  }
  return lines;
}

function turnOutcomeLine(
  turn: TurnSlot,
  index: number,
  log: TurnLog,
  state: SessionState,
  tr: Words,
): string {
  const ended = log.ended;
  if (ended?.type === "skipped")
    return tr("minutes.turn.skipped", {
      at: tr.time(ended.at),
      by: ended.by,
      reason: oneLine(ended.reason),
    });
  if (ended?.type === "marked_absent")
    return tr("minutes.markedAbsent", {
      at: tr.time(ended.at),
      by: ended.by,
      reason: oneLine(ended.reason),
    });
  switch (turn.outcome) {
    case "finished":
      return tr("minutes.turn.finished", { at: tr.time(ended?.at) });
    case "passed":
      return tr("minutes.turn.passed", { at: tr.time(ended?.at) });
    case "concluded":
      return tr("minutes.turn.concluded", { at: tr.time(ended?.at) });
    case "absent":
      return tr("minutes.turn.absent");
    case "recused":
      return tr("minutes.turn.recused");
    case "skipped":
      return turn.outcome; // every skip has its event, handled above
    case null:
      return state.current?.index === index ? tr("minutes.turn.speaking") : tr("minutes.turn.notReached");
  }
}

function outOfTurnLines(state: SessionState, events: readonly SessionEvent[], tr: Words): string[] {
  const replies = events.filter((e): e is OutOfTurnEvent => e.type === "out_of_turn");
  if (replies.length === 0) return [];
  const lines = [tr("minutes.outOfTurn"), ""];
  if (state.principalSpokeOutOfTurn) lines.push(tr("minutes.principalEarly"), "");
  for (const r of replies) {
    const who = r.isPrincipal ? tr("minutes.outOfTurn.principal", { user: r.userId }) : `<@${r.userId}>`;
    const params = { at: tr.time(r.at), who, text: oneLine(r.text) };
    if (r.reason === "paused") lines.push(`- ${tr("minutes.outOfTurn.paused", params)}`);
    else if (r.reason === "notYourTurn" && r.turnOf !== null)
      lines.push(`- ${tr("minutes.outOfTurn.during", { ...params, turnOf: r.turnOf })}`);
    else lines.push(`- ${tr("minutes.outOfTurn.afterRound", params)}`);
  }
  return lines;
}

/** The chair's interventions and the end of the round, in the order they happened. */
function conductLines(events: readonly SessionEvent[], tr: Words): string[] {
  const lines: string[] = [];
  for (const e of events) {
    const at = tr.time(e.at);
    if (e.type === "paused") lines.push(tr("minutes.paused", { at, by: e.by, reason: oneLine(e.reason) }));
    else if (e.type === "resumed") lines.push(tr("minutes.resumed", { at, by: e.by }));
    else if (e.type === "voting_opened")
      lines.push(tr("minutes.votingOpened", { at, voters: mentions(e.eligibleVoters, tr) }));
    else if (e.type === "deferred")
      lines.push(tr("minutes.deferred", { at, by: e.by, reason: oneLine(e.reason) }));
    else if (e.type === "cancelled")
      lines.push(tr("minutes.cancelled", { at, by: e.by, reason: oneLine(e.reason) }));
  }
  return lines.length > 0 ? [tr("minutes.conduct"), "", ...lines.map((l) => `- ${l}`)] : [];
}

/** Entries of types this version does not know (votes, later): listed by type, actor and time. */
function otherEntryLines(events: readonly LedgerEvent[], tr: Words): string[] {
  const lines: string[] = [];
  for (const e of events) {
    if (DESCRIBED_TYPES.has(e.type)) continue;
    const { by, userId } = e as { by?: unknown; userId?: unknown };
    const actor = typeof by === "string" ? by : typeof userId === "string" ? userId : null;
    const params = { at: tr.time(e.at), type: `\`${e.type}\`` };
    lines.push(
      `- ${actor ? tr("minutes.otherEntry", { ...params, actor }) : tr("minutes.otherEntryNoActor", params)}`,
    );
  }
  return lines.length > 0 ? [tr("minutes.other"), "", ...lines] : [];
}

/**
 * The vote: every named vote in order (changes included), who cast a secret ballot (never how),
 * then the tally per question and the outcome under the team's rules.
 */
function voteLines(state: SessionState, events: readonly SessionEvent[], tr: Words): string[] {
  const questions = state.vote?.questions ?? [];
  const label = (questionId: string) => {
    const q = questions.find((x) => x.id === questionId);
    return q?.kind === "nominee" && q.name ? q.name : tr("vote.questionMotion");
  };
  const choice = (c: string) => tr(`vote.${c}` as MessageKey);
  const lines: string[] = [];
  for (const e of events) {
    if (e.type === "vote_cast") {
      lines.push(
        `- ${tr(e.changed ? "minutes.voteChanged" : "minutes.voteCast", { at: tr.time(e.at), user: e.userId, choice: choice(e.choice), question: label(e.questionId) })}`,
      );
    } else if (e.type === "ballot_cast") {
      lines.push(`- ${tr("minutes.ballotCast", { at: tr.time(e.at), user: e.userId })}`);
    } else if (e.type === "voters_reminded") {
      const users = e.userIds.map((u) => `<@${u}>`);
      lines.push(`- ${tr("minutes.votersReminded", { at: tr.time(e.at), users: tr.list(users) })}`);
    } else if (e.type === "vote_closed") {
      lines.push(
        `- ${e.by ? tr("minutes.voteClosedBy", { at: tr.time(e.at), user: e.by, reason: oneLine(e.reason ?? "") }) : tr(e.atDeadline ? "minutes.voteClosedDeadline" : "minutes.voteClosedAll", { at: tr.time(e.at) })}`,
      );
      if (e.withheld)
        lines.push(`- ${tr("vote.outcome.withheld", { cast: e.voted.length, required: e.quorum.required })}`);
      for (const r of e.withheld ? [] : e.results) {
        lines.push(
          `- ${tr("vote.resultLine", { question: label(r.questionId), approve: r.approve, reject: r.reject, abstain: r.abstain, verdict: tr(r.passed ? "vote.verdictPassed" : "vote.verdictRejected") })}`,
        );
      }
      lines.push(
        `- ${tr("minutes.voteBase", { base: e.base, present: e.quorum.present, rosterSize: e.quorum.rosterSize, required: e.quorum.required })}`,
      );
      lines.push(`- ${tr("minutes.voteOutcome", { outcome: outcomeLabel(e.outcome, tr) })}`);
    }
  }
  return lines.length > 0 ? [tr("minutes.voteTitle"), "", ...lines] : [];
}

function statusLines(state: SessionState, tr: Words): string[] {
  if (!state.facts) return [];
  const conclusion = state.turns.find((t) => t.kind === "conclusion");
  const conclusionLine =
    conclusion?.outcome === "concluded"
      ? tr("minutes.conclusion.given")
      : conclusion?.outcome === "passed"
        ? tr("minutes.conclusion.passed")
        : state.noConcludingStatement || isClosed(state)
          ? tr("minutes.conclusion.missing")
          : tr("minutes.conclusion.pending");
  return [
    tr("minutes.status"),
    "",
    `- ${tr("minutes.phase", { phase: phaseLabel(state.phase, tr) })}`,
    `- ${conclusionLine}`,
    `- ${tr(state.principalSpokeOutOfTurn ? "minutes.principalEarly.yes" : "minutes.principalEarly.no")}`,
  ];
}

// ---- small helpers ----------------------------------------------------------------------------

/** A member as the minutes name them: mention, rank and title, from the roster frozen at the start. */
function memberLabel(roster: readonly Member[], userId: UserId, tr: Words): string {
  const m = roster.find((r) => r.userId === userId);
  if (!m) return `<@${userId}>`;
  return m.title
    ? tr("minutes.memberTitled", { user: userId, rank: m.rank, title: m.title })
    : tr("minutes.member", { user: userId, rank: m.rank });
}

function mentions(userIds: readonly UserId[], tr: Words): string {
  return userIds.length > 0 ? userIds.map((u) => `<@${u}>`).join(", ") : tr("minutes.none");
}

/** Text quoted inside a line (a reason, an original before an edit) must not break the list. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " / ").trim();
}
