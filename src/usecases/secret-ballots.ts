import type { SessionEvent } from "../domain/session/events.ts";
import { isClosed, type SessionState } from "../domain/session/state.ts";
import type { Totals } from "../domain/session/types.ts";
import {
  type BallotContent,
  newSessionSeal,
  type OpenedBallots,
  openBallots,
  sealBallot,
} from "../seal/ballots.ts";
import type { AppendRequest, BallotBox } from "../store/session-store.ts";

/*
 * 无记名投票: the secret ballots of one session, as a decision on its ledger at one seq sees them.
 * They are read without the session's lock: a ballot is only ever sealed, or thrown away, by an
 * append that also moves the session's last seq, so a decision that read them before another
 * ballot landed cannot be appended (see SessionStore.appendAt) and is made again.
 * A ballot is sealed when cast and only this module opens them: to give the domain the count it
 * needs to close the vote, and at the close to write the receipts and throw the ballots away.
 */
export class SecretBallots {
  private opened: Promise<OpenedBallots> | undefined;

  constructor(
    private readonly ballotKey: Buffer,
    private readonly box: BallotBox,
    private readonly workspaceId: string,
    private readonly sessionId: string,
  ) {}

  /** The totals of the ballots cast before this decision, per question. */
  async totals(): Promise<Record<string, Totals>> {
    return (await this.open()).totals;
  }

  /**
   * What the append writes for a decision on the ballots: the new ballot sealed, or, when the
   * session's vote is over with it, the receipts of every ballot counted (none for a vote deferred
   * or cancelled) and nothing sealed left behind.
   */
  async writes(
    before: SessionState,
    after: SessionState,
    events: readonly SessionEvent[],
    cast: BallotContent | undefined,
  ): Promise<Pick<AppendRequest, "sealedBallot" | "ballotsDone">> {
    if (after.facts?.ballot !== "secret") return {};
    if (isClosed(after) && !isClosed(before)) {
      const counted = events.some((e) => e.type === "vote_closed");
      const receipts = counted
        ? [...(await this.open()).receiptHashes, ...(cast ? [cast.receiptHash] : [])]
        : [];
      return { ballotsDone: { receiptHashes: receipts } };
    }
    if (!cast) return {};
    const seal = await this.box.seal();
    const use = seal ?? newSessionSeal(this.ballotKey, this.workspaceId, this.sessionId);
    return {
      sealedBallot: {
        sealed: sealBallot(use, cast, this.workspaceId, this.sessionId),
        ...(seal ? {} : { newSeal: use }),
      },
    };
  }

  private open(): Promise<OpenedBallots> {
    this.opened ??= (async () => {
      const seal = await this.box.seal();
      if (!seal) return { totals: {}, receiptHashes: [] };
      return openBallots(this.ballotKey, seal, await this.box.sealed(), this.workspaceId, this.sessionId);
    })();
    return this.opened;
  }
}
