import type { Logger } from "../logger.ts";
import { actOnSession, TIMER_KINDS, type SessionDeps } from "../usecases/run-session.ts";
import { closeVoteAtDeadline } from "../usecases/vote.ts";
import type { JobHandler } from "./scheduler.ts";
import { turnTimerPayload, voteTimerPayload } from "./scheduler.ts";

/**
 * The session's timers: the turn's reminder at half time and its timeout at the deadline; the
 * vote's reminders of those who have not voted and its close at the deadline. The decider ignores
 * a timer for a turn that has already ended, a vote already closed (by the chair, or by the last
 * vote), or a deadline that a pause has moved, so a late or repeated job is harmless.
 */
export function turnTimerHandlers(deps: SessionDeps, log: Logger): Record<string, JobHandler> {
  const run =
    (type: "remind" | "time_out"): JobHandler =>
    async (job) => {
      const payload = turnTimerPayload.safeParse(job.payload);
      if (!payload.success) return log.warn("bad turn timer payload", { key: job.key });
      const { sessionId, turnIndex } = payload.data;
      const outcome = await actOnSession(deps, job.workspaceId, sessionId, (at) => ({ type, at, turnIndex }));
      if (!outcome.ok) log.info("turn timer had nothing to do", { key: job.key, code: outcome.error.code });
    };
  const remindVoters: JobHandler = async (job) => {
    const payload = voteTimerPayload.safeParse(job.payload);
    if (!payload.success || !payload.data.which) return log.warn("bad vote timer payload", { key: job.key });
    const { sessionId, which } = payload.data;
    const outcome = await actOnSession(deps, job.workspaceId, sessionId, (at) => ({
      type: "remind_voters",
      at,
      which,
    }));
    if (!outcome.ok) log.info("vote reminder had nothing to do", { key: job.key, code: outcome.error.code });
  };
  const voteDeadline: JobHandler = async (job) => {
    const payload = voteTimerPayload.safeParse(job.payload);
    if (!payload.success) return log.warn("bad vote timer payload", { key: job.key });
    const outcome = await closeVoteAtDeadline(deps, job.workspaceId, payload.data.sessionId);
    if (!outcome.ok) log.info("vote deadline had nothing to do", { key: job.key, code: outcome.error.code });
  };
  return {
    [TIMER_KINDS.remind]: run("remind"),
    [TIMER_KINDS.timeout]: run("time_out"),
    [TIMER_KINDS.remindVoters]: remindVoters,
    [TIMER_KINDS.voteDeadline]: voteDeadline,
  };
}
