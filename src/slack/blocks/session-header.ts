import { escapeMrkdwn } from "../mrkdwn.ts";
import type { types } from "@slack/bolt";
import { powerForCategory } from "../../domain/session/category.ts";
import type { SessionState, TurnSlot } from "../../domain/session/state.ts";
import type { MessageKey, Translate } from "../../i18n/translate.ts";
import { mentions } from "./mentions.ts";
import { outcomeSummary } from "./vote-message.ts";

type KnownBlock = types.KnownBlock;

export const CHAIR_MENU_ACTION = "session_chair_menu";

const MARKS: Record<NonNullable<TurnSlot["outcome"]> | "current" | "waiting", MessageKey> = {
  current: "session.markCurrent",
  waiting: "session.markWaiting",
  finished: "session.markFinished",
  concluded: "session.markFinished",
  passed: "session.markPassed",
  skipped: "session.markSkipped",
  absent: "session.markAbsent",
  recused: "session.markRecused",
};

/**
 * The session's header in the channel: what is decided, by whom, in which order, and anything the
 * rules exist to expose (a proposer outside their portfolio, a principal who spoke early).
 */
export function sessionHeader(
  state: SessionState,
  number: number,
  sessionId: string,
  tr: Translate,
): { text: string; blocks: KnownBlock[] } {
  const facts = state.facts!;
  const title = tr("session.headerTitle", { number, matter: escapeMrkdwn(facts.matter) });
  const order = state.turns.map((turn, i) =>
    tr("session.orderLine", {
      mark: tr(MARKS[turn.outcome ?? (state.current?.index === i ? "current" : "waiting")]),
      position: i + 1,
      user: turn.userId,
      role:
        turn.kind === "proposal"
          ? tr("session.orderRoleProposal")
          : turn.kind === "conclusion"
            ? tr("session.orderRoleConclusion")
            : "",
    }),
  );
  const flags: string[] = [];
  const power = powerForCategory(facts.category);
  if (facts.proposerInCharge === false && power)
    flags.push(tr("session.flagNotInCharge", { power: tr(`power.${power}`) }));
  if (facts.proposerIsPrincipal) flags.push(tr("session.flagPrincipalProposes"));
  if (state.principalSpokeOutOfTurn) flags.push(tr("session.flagPrincipalEarly"));
  const attendance = [
    tr("session.headerQuorum", {
      present: facts.quorum.present,
      rosterSize: facts.quorum.rosterSize,
      required: facts.quorum.required,
    }),
  ];
  if (state.absent.length) attendance.push(tr("session.headerAbsent", { users: mentions(state.absent) }));
  if (state.recused.length)
    attendance.push(tr("session.headerRecused", { users: mentions(state.recused.map((r) => r.userId)) }));

  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(title, 150) } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: [
          tr("session.headerFacts", {
            category: tr(`category.${facts.category}`),
            proposer: facts.proposerId,
            chair: facts.chairId,
          }),
          `${tr("session.headerBallot", { ballot: tr(`ballot.${facts.ballot}`) })}. ${tr(facts.ballot === "secret" ? "ballot.secretExplained" : "ballot.namedExplained")}`,
        ].join("\n"),
      },
    },
    {
      type: "section",
      text: { type: "mrkdwn", text: truncate([tr("session.headerOrder"), ...order].join("\n"), 3000) },
    },
    { type: "context", elements: attendance.map((text) => ({ type: "mrkdwn" as const, text })) },
  ];
  if (flags.length) blocks.push({ type: "section", text: { type: "mrkdwn", text: flags.join("\n") } });
  blocks.push(phaseBlock(state, sessionId, tr));
  return { text: [title, ...flags].join("\n"), blocks };
}

function phaseBlock(state: SessionState, sessionId: string, tr: Translate): KnownBlock {
  const text =
    state.phase === "closed" && state.vote?.closed
      ? tr("vote.headerClosed", { outcome: outcomeSummary(state.vote.closed, tr) })
      : state.phase === "paused" && state.paused
        ? tr("session.phasePaused", { by: state.paused.by, reason: escapeMrkdwn(state.paused.reason) })
        : state.phase === "deferred" && state.closed
          ? tr("session.phaseDeferred", { by: state.closed.by, reason: escapeMrkdwn(state.closed.reason) })
          : state.phase === "cancelled" && state.closed
            ? tr("session.phaseCancelled", { by: state.closed.by, reason: escapeMrkdwn(state.closed.reason) })
            : state.phase === "voting"
              ? tr("session.phaseVoting")
              : tr("session.phaseSpeaking");
  if (state.phase === "deferred" || state.phase === "cancelled" || state.phase === "closed")
    return { type: "section", text: { type: "mrkdwn", text } };
  const option = (action: string, label: MessageKey) => ({
    text: { type: "plain_text" as const, text: tr(label) },
    value: `${sessionId}|${action}`,
  });
  return {
    type: "section",
    text: { type: "mrkdwn", text },
    accessory: {
      type: "overflow",
      action_id: CHAIR_MENU_ACTION,
      options: [
        state.phase === "paused"
          ? option("resume", "session.menuResume")
          : option("pause", "session.menuPause"),
        option("defer", "session.menuDefer"),
        option("cancel", "session.menuCancel"),
        option("recuse", "session.menuRecuse"),
      ],
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
