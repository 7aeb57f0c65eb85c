import type { Logger } from "../logger.ts";
import { actOnSession, TIMER_KINDS, type SessionDeps } from "../usecases/run-session.ts";
import type { JobHandler } from "./scheduler.ts";
import { turnTimerPayload } from "./scheduler.ts";

/**
 * The reminder at half time and the timeout at the deadline. The decider ignores a timer for a
 * turn that has already ended (or was moved by a pause), so a late or repeated job is harmless.
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
  return { [TIMER_KINDS.remind]: run("remind"), [TIMER_KINDS.timeout]: run("time_out") };
}
