import cron, { type ScheduledTask } from "node-cron";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Logger } from "../logger.ts";
import type { JobRow, JobStore } from "../store/job-store.ts";

export type JobHandler = (job: JobRow) => Promise<void>;

export interface SchedulerOptions {
  jobs: JobStore;
  log: Logger;
  clock: () => Date;
  handlers: Record<string, JobHandler>;
  /** Work besides the job table that must be swept (the announcer's outbox). */
  sweeps?: Array<() => Promise<unknown>>;
  leaseMs?: number;
  batch?: number;
  /** Jobs run at once within a tick (Slack calls wait on the network, not the CPU). */
  concurrency?: number;
}

/**
 * Every replica ticks once a second (node-cron) and claims what is due in the database. No unit
 * of work depends on a process being up at the right second: what fell due while everything was
 * down is due at the first tick after, and a unit whose replica died is claimed again when its
 * lease runs out.
 */
export class Scheduler {
  readonly owner = `scheduler-${randomUUID()}`;
  private task: ScheduledTask | undefined;
  /** After a 429 this replica takes no job until Slack's Retry-After has passed. */
  private pausedUntil = 0;
  private ticking: Promise<void> | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    // A slow tick is not run twice at once: a second that comes while one runs is skipped, and
    // the next tick picks up what is left. (node-cron's own noOverlap would print to stderr.)
    this.task = cron.schedule("* * * * * *", () => {
      this.ticking ??= this.tick().finally(() => (this.ticking = undefined));
    });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.ticking;
  }

  /** One pass: due jobs, then the sweeps. Public so tests can drive time by hand. */
  async tick(): Promise<void> {
    const { jobs, log, clock, leaseMs = 60_000, batch = 200, concurrency = 8 } = this.options;
    try {
      const due = this.paused() ? [] : await jobs.claimDue(this.owner, clock(), leaseMs, batch);
      let next = 0;
      const worker = async () => {
        while (next < due.length) {
          const job = due[next++]!;
          // Slack just said "slow down": give the rest of the batch back instead of sending it.
          if (this.paused()) await jobs.release(job.workspaceId, job.key, this.owner, new Date(this.pausedUntil), { countAttempt: false });
          else await this.run(job);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
      for (const sweep of this.options.sweeps ?? []) await sweep();
    } catch (err) {
      log.error("scheduler tick failed", { err });
    }
  }

  private paused(): boolean {
    return this.options.clock().getTime() < this.pausedUntil;
  }

  private async run(job: JobRow): Promise<void> {
    const { jobs, log, clock, handlers } = this.options;
    const handler = handlers[job.kind];
    if (!handler) return log.warn("no handler for job", { kind: job.kind, key: job.key });
    try {
      await handler(job);
      await jobs.complete(job.workspaceId, job.key, this.owner, clock());
    } catch (err) {
      const waitSeconds = retryAfterSeconds(err);
      if (waitSeconds !== undefined) {
        // Slack said "not now" and did nothing: give the unit back for when it says, rather than
        // wait inside the claim (a long wait could outlast the lease and let a second replica in),
        // and stop this replica's sending until then. Being told to wait is not a failed attempt.
        this.pausedUntil = Math.max(this.pausedUntil, clock().getTime() + waitSeconds * 1000);
        log.info("rate limited; job put back", { kind: job.kind, key: job.key, retryAfterSeconds: waitSeconds });
        await jobs.release(job.workspaceId, job.key, this.owner, new Date(this.pausedUntil), { countAttempt: false });
        return;
      }
      const retryIn = Math.min(60_000 * 2 ** Math.min(job.attempts, 6), 3_600_000);
      log.error("job failed; will retry", { kind: job.kind, key: job.key, attempts: job.attempts, err });
      await jobs.release(job.workspaceId, job.key, this.owner, new Date(clock().getTime() + retryIn));
    }
  }
}

/** Seconds Slack asked us to wait (HTTP 429 with a client set to reject rate-limited calls). */
function retryAfterSeconds(err: unknown): number | undefined {
  const e = err as { code?: string; retryAfter?: number };
  return e?.code === "slack_webapi_rate_limited_error" ? Math.max(1, e.retryAfter ?? 1) : undefined;
}

/** The payload of the turn timers (see turnTimers in usecases/run-session.ts). */
export const turnTimerPayload = z.object({ sessionId: z.string().uuid(), turnIndex: z.number().int().nonnegative() });
