import { isPrincipal } from "../roster/member.ts";
import { withFollowUp } from "./advance.ts";
import { defaultBallot, isSessionCategory, powerForCategory } from "./category.ts";
import type { StartCommand } from "./commands.ts";
import { accept, refuse, type Decision } from "./decision.ts";
import type { StartedEvent } from "./events.ts";
import { checkQuorum, resolveTeamRules } from "./quorum.ts";
import { principalOf, speakingOrder } from "./speaking-order.ts";
import type { SessionState } from "./state.ts";
import { chairPresent, DEFAULT_VOTE_SECONDS, isVoteSeconds } from "./vote-deadline.ts";
import { MOTION_QUESTION_ID, type Question } from "./types.ts";

/** 实名推荐: how many nominees one session may put to the vote. */
export const MAX_NOMINEES = 10;

export function decideStart(state: SessionState, command: StartCommand): Decision {
  if (state.phase !== "new") return refuse("alreadyStarted", {});

  const { roster, proposerId, category } = command;
  const matter = command.matter.trim();
  if (roster.length === 0) return refuse("noRoster", {});
  if (matter === "") return refuse("emptyMatter", {});
  if (!isSessionCategory(category)) return refuse("unknownCategory", { category: String(category) });

  const seenUsers = new Set<string>();
  const seenRanks = new Set<number>();
  for (const m of roster) {
    if (seenUsers.has(m.userId)) return refuse("duplicateRosterMember", { userId: m.userId });
    if (seenRanks.has(m.rank)) return refuse("duplicateRank", { rank: m.rank });
    seenUsers.add(m.userId);
    seenRanks.add(m.rank);
  }

  const proposer = roster.find((m) => m.userId === proposerId);
  if (!proposer) return refuse("proposerNotOnRoster", { proposerId });

  const absent = [...new Set(command.absent)];
  for (const userId of absent) {
    if (!seenUsers.has(userId)) return refuse("absentNotOnRoster", { userId });
  }
  for (const { userId, reason } of command.recused) {
    if (!seenUsers.has(userId)) return refuse("recusedNotOnRoster", { userId });
    if (reason.trim() === "") return refuse("recusalReasonRequired", { userId });
    if (absent.includes(userId)) return refuse("memberAbsent", { userId });
  }
  const recused = command.recused
    .filter((r, i, all) => all.findIndex((o) => o.userId === r.userId) === i)
    .map((r) => ({ userId: r.userId, reason: r.reason.trim() }));
  const recusedIds = recused.map((r) => r.userId);
  if (absent.includes(proposerId)) return refuse("proposerAbsent", { proposerId });
  if (recusedIds.includes(proposerId)) return refuse("proposerRecused", { proposerId });

  const nominees = command.nominees ?? [];
  if (nominees.length > 0 && category !== "personnel")
    return refuse("nomineesOnlyForPersonnel", { category });
  if (nominees.length > MAX_NOMINEES) return refuse("tooManyNominees", { max: MAX_NOMINEES });
  for (const [i, nominee] of nominees.entries()) {
    if (nominee.name.trim() === "") return refuse("nomineeNameRequired", { position: i + 1 });
    if (!seenUsers.has(nominee.recommenderId)) {
      return refuse("recommenderNotOnRoster", { userId: nominee.recommenderId });
    }
  }
  const questions: Question[] =
    nominees.length === 0
      ? [{ id: MOTION_QUESTION_ID, kind: "motion", name: null, recommenderId: null }]
      : nominees.map((n, i) => ({
          id: `n${i + 1}`,
          kind: "nominee",
          name: n.name.trim(),
          recommenderId: n.recommenderId,
        }));

  if (!Number.isInteger(command.turnSeconds) || command.turnSeconds <= 0) {
    return refuse("invalidTurnSeconds", { turnSeconds: command.turnSeconds });
  }
  const voteWindow = command.voteWindow ?? { seconds: DEFAULT_VOTE_SECONDS, untilAllVoted: false };
  if (!isVoteSeconds(voteWindow.seconds))
    return refuse("invalidVoteSeconds", { seconds: voteWindow.seconds });
  if (voteWindow.untilAllVoted && !chairPresent(roster, command.chairId, absent, recusedIds))
    return refuse("untilAllVotedNeedsChair", { chairId: command.chairId });

  const rules = resolveTeamRules(command.rules);
  const proposerIsPrincipal = isPrincipal(proposer);
  if (proposerIsPrincipal && !rules.principalMayPropose)
    return refuse("principalMayNotPropose", { proposerId });

  const quorum = checkQuorum(rules.quorum[category], roster.length - absent.length, roster.length);
  if (!quorum.met) {
    return refuse("noQuorum", {
      present: quorum.present,
      required: quorum.required,
      rosterSize: quorum.rosterSize,
    });
  }

  const power = powerForCategory(category);
  const started: StartedEvent = {
    type: "started",
    at: command.at,
    by: command.chairId,
    matter,
    category,
    proposerId,
    chairId: command.chairId,
    principalId: principalOf(roster)?.userId ?? null,
    // Only the member's own fields: a store row may carry more (dates, keys) that are not plain JSON.
    roster: roster.map((m) => ({
      userId: m.userId,
      rank: m.rank,
      title: m.title,
      powers: [...m.powers],
      roles: [...m.roles],
    })),
    absent,
    recused,
    ballot: command.ballot ?? defaultBallot(category),
    turnSeconds: command.turnSeconds,
    voteWindow: { seconds: voteWindow.seconds, untilAllVoted: voteWindow.untilAllVoted },
    quorum: {
      rule: { ...quorum.rule },
      present: quorum.present,
      required: quorum.required,
      rosterSize: quorum.rosterSize,
    },
    proposerIsPrincipal,
    proposerInCharge: power === null ? null : proposer.powers.includes(power),
    order: speakingOrder({ roster, proposerId, absent, recused: recusedIds }),
    questions,
    threshold: {
      numerator: rules.threshold.numerator,
      denominator: rules.threshold.denominator,
      inclusive: rules.threshold.inclusive,
    },
  };
  return accept(withFollowUp(state, [started], command.at));
}
