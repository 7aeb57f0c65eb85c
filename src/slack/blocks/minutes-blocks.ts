import { escapeMrkdwn } from "../mrkdwn.ts";
import type { types } from "@slack/bolt";
import type { SessionEvent, StartedEvent, VoteClosedEvent } from "../../domain/session/events.ts";
import { fold } from "../../domain/session/index.ts";
import {
  currentText,
  type SessionState,
  type StatementRecord,
  type TurnSlot,
} from "../../domain/session/state.ts";
import type { MessageKey, Translate } from "../../i18n/translate.ts";
import { categoryLabel, outcomeLabel, phaseLabel } from "../../reports/minutes.ts";
import { mentions } from "./mentions.ts";
import { choiceLabel, outcomeSummary, questionLabel } from "./vote-message.ts";

type KnownBlock = types.KnownBlock;

/*
 * The minutes (会议纪要) as people read them in the session's thread: a header, the facts as fields,
 * then the order of speakers with each statement linked to its message, the replies out of turn,
 * the vote and the outcome. Derived from the ledger alone, like the Markdown minutes of the export;
 * this is the view for Slack, the Markdown the text to keep.
 */

export interface MinutesBlocksMeta {
  /** The per-team session number people type. */
  number: number;
  /** A link to a message of the thread, or null when none can be made. */
  messageLink: (messageTs: string) => string | null;
}

/** Slack refuses a message of more than 50 blocks; a section's text holds 3,000 characters. */
const BLOCKS_PER_MESSAGE = 50;
const SECTION_CHARS = 3_000;
const FIELD_CHARS = 2_000;
/** A statement is quoted, not copied whole: the link leads to the full message. */
const QUOTED_CHARS = 280;

export function minutesBlocks(
  events: readonly SessionEvent[],
  meta: MinutesBlocksMeta,
  tr: Translate,
): Array<{ text: string; blocks: KnownBlock[] }> {
  const state = fold(events);
  const started = events.find((e): e is StartedEvent => e.type === "started");
  const title = tr("record.minutes.title", { number: meta.number });
  const closed = state.vote?.closed ?? undefined;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: title.slice(0, 150) } },
    ...(started ? factBlocks(started, state, closed, tr) : []),
    ...orderBlocks(state, meta, tr),
    ...outOfTurnBlocks(state, meta, tr),
    ...voteBlocks(state, closed, tr),
    ...closureBlocks(state, tr),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: tr("record.minutes.footer", { entries: events.length, number: meta.number }),
        },
      ],
    },
  ];
  const messages: Array<{ text: string; blocks: KnownBlock[] }> = [];
  for (let i = 0; i < blocks.length; i += BLOCKS_PER_MESSAGE) {
    messages.push({
      text: i === 0 ? title : tr("record.minutes.continued", { number: meta.number }),
      blocks: blocks.slice(i, i + BLOCKS_PER_MESSAGE),
    });
  }
  return messages;
}

function factBlocks(
  started: StartedEvent,
  state: SessionState,
  closed: VoteClosedEvent | undefined,
  tr: Translate,
): KnownBlock[] {
  const field = (text: string) => ({ type: "mrkdwn" as const, text: text.slice(0, FIELD_CHARS) });
  const { quorum } = started;
  const outcome = closed ? outcomeLabel(closed.outcome, tr) : phaseLabel(state.phase, tr);
  const blocks: KnownBlock[] = [
    { type: "section", text: field(tr("record.minutes.matter", { matter: escapeMrkdwn(started.matter) })) },
    {
      type: "section",
      fields: [
        field(tr("record.minutes.category", { category: categoryLabel(started.category, tr) })),
        field(
          tr(
            started.proposerInCharge === false
              ? "record.minutes.proposerNotInCharge"
              : "record.minutes.proposer",
            { user: started.proposerId },
          ),
        ),
        field(tr("record.minutes.chair", { user: started.chairId })),
        field(
          started.principalId
            ? tr("record.minutes.principal", { user: started.principalId })
            : tr("record.minutes.noPrincipal"),
        ),
        field(tr("record.minutes.ballot", { ballot: tr(`ballot.${started.ballot}`) })),
        field(
          tr("record.minutes.attendance", {
            present: quorum.present,
            rosterSize: quorum.rosterSize,
            required: quorum.required,
          }),
        ),
        field(tr("record.minutes.outcome", { outcome })),
      ],
    },
  ];
  const away: string[] = [];
  if (state.absent.length > 0) away.push(tr("record.minutes.absent", { users: mentions(state.absent) }));
  if (state.recused.length > 0)
    away.push(
      tr("record.minutes.recused", {
        users: state.recused
          .map((r) =>
            tr("record.minutes.recusal", { user: r.userId, reason: escapeMrkdwn(oneLine(r.reason)) }),
          )
          .join(", "),
      }),
    );
  if (away.length > 0) blocks.push(section(away.join("\n")));
  return blocks;
}

const TURN_OUTCOME: Record<NonNullable<TurnSlot["outcome"]> | "open", MessageKey> = {
  finished: "record.minutes.turnOutcome.finished",
  passed: "record.minutes.turnOutcome.passed",
  concluded: "record.minutes.turnOutcome.concluded",
  skipped: "record.minutes.turnOutcome.skipped",
  absent: "record.minutes.turnOutcome.absent",
  recused: "record.minutes.turnOutcome.recused",
  open: "record.minutes.turnOutcome.open",
};

/** One section per turn: who, in which role, how it ended, and each of their messages linked. */
function orderBlocks(state: SessionState, meta: MinutesBlocksMeta, tr: Translate): KnownBlock[] {
  if (state.turns.length === 0) return [];
  const turns = state.turns.map((turn, index) => {
    const heading = tr("record.minutes.turn", {
      position: index + 1,
      user: turn.userId,
      kind: tr(`minutes.kind.${turn.kind}`),
      // The principal may pass the conclusion; the minutes flag it, since the vote then follows no conclusion.
      outcome: tr(
        turn.kind === "conclusion" && turn.outcome === "passed"
          ? "record.minutes.turnOutcome.conclusionPassed"
          : TURN_OUTCOME[turn.outcome ?? "open"],
      ),
    });
    const statements = state.statements
      .filter((s) => s.turnIndex === index)
      .map((s) => statementLine(s, meta, tr));
    return section([heading, ...statements].join("\n"));
  });
  return [{ type: "divider" }, section(tr("record.minutes.order")), ...turns];
}

function statementLine(statement: StatementRecord, meta: MinutesBlocksMeta, tr: Translate): string {
  const text = escapeMrkdwn(quote(currentText(statement)));
  if (statement.deletedAt !== null) return tr("record.minutes.statementWithdrawn", { text });
  const link = meta.messageLink(statement.messageTs);
  const line = link
    ? tr("record.minutes.statement", { text, link })
    : tr("record.minutes.statementNoLink", { text });
  return statement.edits.length > 0 ? line + tr("record.minutes.statementEdited") : line;
}

function outOfTurnBlocks(state: SessionState, meta: MinutesBlocksMeta, tr: Translate): KnownBlock[] {
  if (state.outOfTurn.length === 0) return [];
  const lines = state.outOfTurn.map((r) => {
    const text = escapeMrkdwn(quote(r.text));
    const link = meta.messageLink(r.messageTs);
    return link
      ? tr("record.minutes.outOfTurnLine", { user: r.userId, text, link })
      : tr("record.minutes.outOfTurnLineNoLink", { user: r.userId, text });
  });
  if (state.principalSpokeOutOfTurn) lines.unshift(tr("record.minutes.outOfTurnPrincipal"));
  return [{ type: "divider" }, section([tr("record.minutes.outOfTurn"), ...lines].join("\n"))];
}

/**
 * The tally of each question, then, for a named vote, how each member voted (published here, at
 * the close), or, for a secret ballot, only who cast one.
 */
function voteBlocks(state: SessionState, closed: VoteClosedEvent | undefined, tr: Translate): KnownBlock[] {
  if (!closed) return [];
  const questions = state.vote?.questions ?? [];
  const label = (questionId: string) => {
    const q = questions.find((x) => x.id === questionId);
    return q ? questionLabel(q, tr) : questionId;
  };
  const lines = [tr("record.minutes.vote"), outcomeSummary(closed, tr)];
  if (closed.outcome !== "no_quorum") {
    for (const r of closed.results)
      lines.push(
        tr("vote.resultLine", {
          question: label(r.questionId),
          approve: r.approve,
          reject: r.reject,
          abstain: r.abstain,
          verdict: tr(r.passed ? "vote.verdictPassed" : "vote.verdictRejected"),
        }),
      );
  }
  lines.push(
    closed.by
      ? tr("record.minutes.voteClosedBy", {
          user: closed.by,
          reason: escapeMrkdwn(oneLine(closed.reason ?? "")),
        })
      : closed.atDeadline
        ? tr("record.minutes.voteClosedDeadline")
        : tr("record.minutes.voteClosedAll"),
  );
  const blocks: KnownBlock[] = [{ type: "divider" }, section(lines.join("\n"))];
  if (closed.ballot === "named" && closed.votes.length > 0) {
    const several = closed.results.length > 1;
    blocks.push(
      section(
        [
          tr("record.minutes.votesByName"),
          ...closed.votes.map(
            (v) =>
              tr("vote.namedLine", { user: v.userId, choice: choiceLabel(v.choice, tr) }) +
              (several ? ` (${label(v.questionId)})` : ""),
          ),
        ].join("\n"),
      ),
    );
  } else if (closed.ballot === "secret" && closed.voted.length > 0) {
    blocks.push(section(tr("record.minutes.secretCast", { users: mentions(closed.voted) })));
  }
  return blocks;
}

/** A session deferred or cancelled ends here instead of at a vote: who ended it and why. */
function closureBlocks(state: SessionState, tr: Translate): KnownBlock[] {
  if (!state.closed) return [];
  return [
    { type: "divider" },
    section(
      `*${phaseLabel(state.phase, tr)}*\n${tr("record.minutes.closure", { user: state.closed.by, reason: escapeMrkdwn(oneLine(state.closed.reason)) })}`,
    ),
  ];
}

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: text.slice(0, SECTION_CHARS) } };
}

function quote(text: string): string {
  const flat = oneLine(text);
  const chars = Array.from(flat);
  return chars.length <= QUOTED_CHARS ? flat : `${chars.slice(0, QUOTED_CHARS - 1).join("")}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " / ").trim();
}
