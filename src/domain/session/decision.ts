import type { SessionError, SessionErrorCode, SessionErrorParams } from "./errors.ts";
import { sessionError } from "./errors.ts";
import type { SessionEvent } from "./events.ts";
import type { SessionState } from "./state.ts";

/** What `decide` answers: the events that happened, or why nothing may happen. */
export type Decision = { ok: true; events: SessionEvent[] } | { ok: false; error: SessionError };

export function accept(events: SessionEvent[]): Decision {
  return { ok: true, events };
}

/** Nothing to record, and nothing wrong: a duplicate or a stale scheduler call. */
export const NOTHING: Decision = { ok: true, events: [] };

export function refuse<C extends SessionErrorCode>(code: C, params: SessionErrorParams[C]): Decision {
  return { ok: false, error: sessionError(code, params) };
}

/** Turns only move while the session is speaking. */
export function speakingPhaseRefusal(state: SessionState): Decision | null {
  if (state.phase === "paused") return refuse("sessionPaused", {});
  if (state.phase !== "speaking") return refuse("roundEnded", {});
  return null;
}
