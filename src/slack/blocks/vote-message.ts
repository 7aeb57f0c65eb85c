import { escapeMrkdwn } from "../mrkdwn.ts";
import type { types } from "@slack/bolt";
import type { VoteClosedEvent } from "../../domain/session/events.ts";
import type { FractionRule } from "../../domain/session/quorum.ts";
import { minimumCount } from "../../domain/session/quorum.ts";
import type { SessionState } from "../../domain/session/state.ts";
import { VOTE_CHOICES, type Question, type VoteChoice } from "../../domain/session/types.ts";
import { whoHasNotVoted, whoHasVoted } from "../../domain/session/vote.ts";
import { voteLengthParts } from "../../domain/session/vote-deadline.ts";
import { type NamedVoteVisibility, showsChoicesWhileOpen } from "../../domain/session/vote-visibility.ts";
import type { MessageKey, Translate } from "../../i18n/translate.ts";
import { mentions } from "./mentions.ts";
import { slackDate } from "./time.ts";

/** "24 hours", "3 days", "90 minutes" (and in Chinese): a vote's length as people say it. */
export function voteLengthLabel(seconds: number, tr: Translate): string {
  const { unit, count } = voteLengthParts(seconds);
  return tr(`vote.length.${unit}`, { count });
}

type KnownBlock = types.KnownBlock;

export const VOTE_ACTIONS = {
  choice: "vote_choice",
  secret: "vote_secret",
  close: "vote_close",
  defer: "vote_defer",
} as const;

/** "sessionId|questionId|choice" on each named-vote button. */
export function choiceValue(sessionId: string, questionId: string, choice: VoteChoice): string {
  return `${sessionId}|${questionId}|${choice}`;
}

export const choiceLabel = (choice: VoteChoice, tr: Translate) => tr(`vote.${choice}` as MessageKey);

export function questionLabel(question: Question, tr: Translate): string {
  return question.kind === "nominee" && question.name
    ? tr("vote.questionNominee", { name: escapeMrkdwn(question.name) })
    : tr("vote.questionMotion");
}

/**
 * The vote in the thread. While it is open it shows who has voted and who has not, and, for a named
 * vote whose team shows them live, each choice as it comes; at the close a named vote shows every
 * choice. Redrawn after every ballot, and without buttons once closed.
 */
export function voteMessage(
  state: SessionState,
  sessionId: string,
  tr: Translate,
  namedVotes: NamedVoteVisibility | undefined,
  timezone: string,
): { text: string; blocks: KnownBlock[] } {
  const facts = state.facts!;
  const vote = state.vote!;
  const open = !vote.closed;
  const live = showsChoicesWhileOpen(facts.ballot, namedVotes);
  const explained: MessageKey =
    facts.ballot === "secret"
      ? "ballot.secretExplained"
      : live
        ? "ballot.namedExplained"
        : "record.ballot.namedHiddenExplained";
  const title = open ? tr("vote.title", { ballot: tr(`ballot.${facts.ballot}`) }) : tr("vote.closedTitle");
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${title}\n${tr(explained)}`,
      },
    },
  ];
  vote.questions.forEach((question, i) => {
    const text =
      question.kind === "nominee"
        ? tr("vote.nominee", {
            position: i + 1,
            name: escapeMrkdwn(question.name ?? ""),
            recommender: question.recommenderId ?? "",
          })
        : tr("vote.motion", { matter: escapeMrkdwn(facts.matter) });
    const named = facts.ballot === "named" && (live || !open) ? namedLines(state, question.id, tr) : [];
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: [text, ...named].join("\n").slice(0, 3000) },
    });
    if (open && facts.ballot === "named") {
      blocks.push({
        type: "actions",
        block_id: `vote_${question.id}`,
        elements: VOTE_CHOICES.map((choice) => ({
          type: "button" as const,
          action_id: `${VOTE_ACTIONS.choice}_${choice}`,
          text: { type: "plain_text" as const, text: choiceLabel(choice, tr) },
          value: choiceValue(sessionId, question.id, choice),
          ...(choice === "approve"
            ? { style: "primary" as const }
            : choice === "reject"
              ? { style: "danger" as const }
              : {}),
        })),
      });
    }
  });
  const voted = whoHasVoted(state);
  const notYet = whoHasNotVoted(state);
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: tr("vote.voted", { users: voted.length ? mentions(voted) : tr("vote.nobody") }),
      },
      {
        type: "mrkdwn",
        text: tr("vote.notYet", { users: notYet.length ? mentions(notYet) : tr("vote.nobody") }),
      },
    ],
  });
  if (open) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text:
            vote.deadline === null
              ? tr("vote.untilAllVoted")
              : tr("vote.deadline", { deadline: slackDate(vote.deadline, timezone) }),
        },
      ],
    });
    const button = (action: string, label: MessageKey, style?: "primary" | "danger") => ({
      type: "button" as const,
      action_id: action,
      text: { type: "plain_text" as const, text: tr(label) },
      value: sessionId,
      ...(style ? { style } : {}),
    });
    blocks.push({
      type: "actions",
      block_id: "vote_controls",
      elements: [
        ...(facts.ballot === "secret" ? [button(VOTE_ACTIONS.secret, "vote.castSecret", "primary")] : []),
        button(VOTE_ACTIONS.close, "vote.close"),
        button(VOTE_ACTIONS.defer, "vote.defer", "danger"),
      ],
    });
  }
  return { text: title, blocks };
}

function namedLines(state: SessionState, questionId: string, tr: Translate): string[] {
  const latest = state.vote!.latest[questionId] ?? {};
  return Object.entries(latest).map(([user, choice]) =>
    tr("vote.namedLine", { user, choice: choiceLabel(choice, tr) }),
  );
}

/** The outcome as posted in the thread when the vote closes. */
export function outcomeText(
  closed: VoteClosedEvent,
  state: SessionState,
  number: number,
  receipts: string[],
  tr: Translate,
): string {
  const lines: string[] = [];
  const { quorum } = closed;
  lines.push(outcomeSummary(closed, tr));
  if (closed.outcome !== "no_quorum") {
    const questions = state.vote?.questions ?? [];
    for (const result of closed.results) {
      const question = questions.find((q) => q.id === result.questionId);
      lines.push(
        tr("vote.resultLine", {
          question: question ? questionLabel(question, tr) : result.questionId,
          approve: result.approve,
          reject: result.reject,
          abstain: result.abstain,
          verdict: tr(result.passed ? "vote.verdictPassed" : "vote.verdictRejected"),
        }),
      );
    }
    lines.push(thresholdLine(closed.threshold, closed.base, quorum.rosterSize, tr));
  }
  if (closed.ballot === "named") {
    for (const v of closed.votes)
      lines.push(
        tr("vote.namedLine", { user: v.userId, choice: choiceLabel(v.choice, tr) }) +
          (closed.results.length > 1 ? ` (${questionOf(state, v.questionId, tr)})` : ""),
      );
  }
  lines.push(
    closed.by
      ? tr("vote.closedBy", { by: closed.by, reason: escapeMrkdwn(closed.reason ?? "") })
      : closed.atDeadline
        ? tr("vote.closedAtDeadline")
        : tr("vote.closedAllVoted"),
  );
  if (closed.ballot === "secret" && receipts.length) {
    lines.push(tr("vote.receiptsTitle", { count: receipts.length, number }));
    lines.push(`\`\`\`${receipts.join("\n")}\`\`\``);
  }
  return lines.join("\n");
}

export function outcomeSummary(closed: VoteClosedEvent, tr: Translate): string {
  const { quorum } = closed;
  if (closed.withheld)
    return tr("vote.outcome.withheld", { cast: closed.voted.length, required: quorum.required });
  return closed.outcome === "no_quorum"
    ? tr("vote.outcome.no_quorum", {
        present: quorum.present,
        rosterSize: quorum.rosterSize,
        required: quorum.required,
      })
    : tr(`vote.outcome.${closed.outcome}`);
}

function thresholdLine(rule: FractionRule, base: number, rosterSize: number, tr: Translate): string {
  const name = rule.numerator * 2 === rule.denominator && !rule.inclusive ? "more-than-half" : "two-thirds";
  return tr("vote.thresholdLine", {
    rule: tr(`rule.${name}`),
    base,
    required: minimumCount(rule, base),
    rosterSize,
    recused: rosterSize - base,
  });
}

function questionOf(state: SessionState, questionId: string, tr: Translate): string {
  const q = state.vote?.questions.find((x) => x.id === questionId);
  return q ? questionLabel(q, tr) : questionId;
}
