import type { SessionState } from "./state.ts";

/**
 * What the session row keeps beside the ledger for lists and App Home. Written with every append
 * and checked by `ledger verify` against the fold of the ledger: a row that says more than the
 * ledger holds (entries deleted from the end) gives the deletion away.
 */
export interface SessionProjection {
  phase: string;
  currentSpeakerId: string | null;
  outcome: string | null;
}

export function sessionProjection(state: SessionState): SessionProjection {
  const outcome =
    state.vote?.closed?.outcome ??
    (state.phase === "deferred" || state.phase === "cancelled" ? state.phase : null);
  return { phase: state.phase, currentSpeakerId: state.current?.userId ?? null, outcome };
}
