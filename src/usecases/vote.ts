import { createHash, randomBytes } from "node:crypto";
import type { Totals, VoteChoice } from "../domain/session/types.ts";
import { openBallots } from "../seal/ballots.ts";
import { type ActOptions, actOnSession, type SessionDeps } from "./run-session.ts";

/**
 * Named vote (记名投票): the choice goes into the ledger with the voter's name, and may be changed
 * until the vote closes.
 */
export function castNamedVote(
  deps: SessionDeps,
  workspaceId: string,
  sessionId: string,
  userId: string,
  questionId: string,
  choice: VoteChoice,
  options: Pick<ActOptions, "dedupeKey"> = {},
) {
  return actOnSession(
    deps,
    workspaceId,
    sessionId,
    (at) => ({ type: "vote", at, userId, questionId, choice }),
    options,
  );
}

/**
 * Secret ballot (无记名投票). The ledger records that `userId` voted; the choices are sealed (see
 * secret-ballots.ts) beside it, in the same transaction. The voter gets a receipt code, shown to
 * them alone and kept nowhere: its hash is sealed with the choices and listed, sorted, once the
 * vote closes, so the voter can check their ballot was counted without anyone learning how they voted.
 */
export async function castSecretBallot(
  deps: SessionDeps,
  workspaceId: string,
  sessionId: string,
  userId: string,
  choices: Record<string, VoteChoice>,
  options: Pick<ActOptions, "deadline"> = {},
) {
  const receipt = newReceiptCode();
  const outcome = await actOnSession(
    deps,
    workspaceId,
    sessionId,
    async (at, { box }) => ({
      type: "cast_secret",
      at,
      userId,
      questionIds: Object.keys(choices),
      boxAfter: withBallot(await box(), choices),
    }),
    { ...options, secretBallot: { choices, receiptHash: receiptHash(sessionId, receipt) } },
  );
  return outcome.ok ? { ...outcome, receipt } : outcome;
}

/** The chair closes the vote before everyone has voted; a secret ballot's totals come from opening the ballots. */
export function closeVote(
  deps: SessionDeps,
  workspaceId: string,
  sessionId: string,
  by: string,
  byIsAdmin: boolean,
  reason: string,
) {
  return actOnSession(deps, workspaceId, sessionId, async (at, { box }) => ({
    type: "close_vote",
    at,
    by,
    byIsAdmin,
    reason,
    box: await box(),
  }));
}

/**
 * The vote's deadline has come (from the scheduler): it closes as the chair's close would, a
 * secret ballot with what the box holds; before the deadline, or once closed, nothing happens.
 */
export function closeVoteAtDeadline(deps: SessionDeps, workspaceId: string, sessionId: string) {
  return actOnSession(deps, workspaceId, sessionId, async (at, { box }) => ({
    type: "vote_deadline",
    at,
    box: await box(),
  }));
}

/** Ten characters from an alphabet without look-alikes, grouped for reading: "K7QM-2XPD-9R". */
export function newReceiptCode(): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Bound to the session, so one receipt code cannot be matched against another session's list. */
export function receiptHash(sessionId: string, code: string): string {
  return createHash("sha256")
    .update(`${sessionId}:${code.toUpperCase().replace(/[^0-9A-Z]/g, "")}`)
    .digest("hex");
}

export type ReceiptCheck =
  | { status: "counted"; ballots: number }
  | { status: "sealed" }
  | { status: "notFound" };

/**
 * Is a voter's ballot in the box? After the close, its receipt is in the published list. While
 * the vote is open, the receipt's hash is sealed inside the ballot: the ballots are opened, as
 * every cast opens them to count, and only whether that hash is among them is told.
 */
export async function checkReceipt(
  deps: SessionDeps,
  workspaceId: string,
  sessionId: string,
  code: string,
): Promise<ReceiptCheck> {
  const hash = receiptHash(sessionId, code);
  // The box first: read after a close, it is empty and the published list has the receipt.
  const box = await deps.sessions.sealedBox(workspaceId, sessionId);
  if (
    box &&
    openBallots(deps.ballotKey, box.seal, box.sealed, workspaceId, sessionId).receiptHashes.includes(hash)
  )
    return { status: "sealed" };
  const hashes = await deps.sessions.receipts(workspaceId, sessionId);
  return hashes.includes(hash) ? { status: "counted", ballots: hashes.length } : { status: "notFound" };
}

function withBallot(
  box: Record<string, Totals>,
  choices: Record<string, VoteChoice>,
): Record<string, Totals> {
  const after: Record<string, Totals> = {};
  for (const [questionId, choice] of Object.entries(choices)) {
    const before = box[questionId] ?? { approve: 0, reject: 0, abstain: 0 };
    after[questionId] = { ...before, [choice]: before[choice] + 1 };
  }
  return after;
}
