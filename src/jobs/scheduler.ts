import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { VOTE_REMINDERS } from "../domain/session/vote-deadline.ts";
import type { Logger } from "../logger.ts";
import type { JobRow, JobStore } from "../store/job-store.ts";
import type { SendBudgetStore } from "../store/send-budget-store.ts";

export interface JobContext {
  /**
   * Extends the job's claim for another lease; a job that runs longer than a lease calls it as it
   * goes. False when the claim was lost (this process stalled past it: another replica has it) or
   * this replica is stopping: throw JobInterrupted, and the job is due again at once.
   */
  keepAlive(): Promise<boolean>;
}

/** A long job gave up part way (see JobContext.keepAlive); it is neither done nor failed. */
export class JobInterrupted extends Error {
  constructor() {
    super("job interrupted");
  }
}

/** The job can never be done (its workspace uninstalled Lastword): it is finished without running. */
export class JobObsolete extends Error {}

export type JobHandler = (job: JobRow, context: JobContext) => Promise<void>;

/** Jobs that post to Slack at volume (the check-in DMs) and must share their workspace's send budget. */
export interface Pacing {
  kinds: string[];
  budget: SendBudgetStore;
  /** How far ahead a tick reserves slots; claims never run ahead of the budget by more. */
  horizonMs?: number;
}

export interface SchedulerOptions {
  jobs: JobStore;
  log: Logger;
  clock: () => Date;
  /**
   * Waits until a job's slot in the send budget: real time by default. A test (or the playground,
   * whose clock a person moves) passes its own, so no test depends on how busy the machine is.
   */
  wait?: (ms: number) => Promise<void>;
  handlers: Record<string, JobHandler>;
  /** Work besides the job table that must be swept (the announcer's outbox). */
  sweeps?: Array<() => Promise<unknown>>;
  pacing?: Pacing;
  leaseMs?: number;
  /** Jobs this replica runs at once (Slack calls wait on the network, not the CPU). */
  concurrency?: number;
  /** Real time between two ticks (default one second). */
  tickMs?: number;
  observe?: SchedulerObserver;
}

/** What the scheduler reports as it goes (the metrics). */
export interface SchedulerObserver {
  /** Paced jobs were given start slots this far after now (negative: the budget has credit). */
  budgetLag?(ms: number): void;
}

/**
 * Every replica ticks once a second and claims what is due in the database. No unit of work
 * depends on a process being up at the right second: what fell due while everything was down is
 * due at the first tick after, and a unit whose replica died is claimed again when its lease runs
 * out.
 *
 * The tick is a plain interval timer, not a cron schedule: it counts real time elapsed, so a wall
 * clock that jumps (a virtual machine resumed after days, an NTP step back) changes nothing but
 * what `clock()` says at the next tick, which then claims everything due from the database once.
 * node-cron 4 instead replayed every missed second, with a warning each, until the heap ran out.
 *
 * A tick only claims and starts: jobs run in the background, at most `concurrency` at once, so a
 * long job (planning a quarter for thousands of leaders) does not hold up the next tick. Each
 * claim is renewed when its job starts, so a lease covers one job, not a batch waiting its turn.
 * Turn timers are claimed before paced jobs, so a meeting never waits behind a quarter's DMs.
 */
export class Scheduler {
  readonly owner = `scheduler-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private claiming: Promise<Array<Promise<void>>> | undefined;
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    // A second that comes while a tick is still claiming is skipped; the next one picks up what
    // is left.
    this.timer ??= setInterval(() => void this.claimAndStart(), this.options.tickMs ?? 1_000);
  }

  async stop(): Promise<void> {
    this.stopping = true; // long jobs stop at their next keepAlive
    clearInterval(this.timer);
    await this.claiming;
    await this.idle();
  }

  /** Resolves when no job of this replica is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** One pass: the sweeps, then claims and runs what is due; resolves when the jobs it started are done. */
  async tick(): Promise<void> {
    await Promise.allSettled(await this.claimAndStart());
  }

  private claimAndStart(): Promise<Array<Promise<void>>> {
    this.claiming ??= this.claimOnce().finally(() => {
      this.claiming = undefined;
    });
    return this.claiming;
  }

  private async claimOnce(): Promise<Array<Promise<void>>> {
    const { jobs, log, clock, pacing, leaseMs = 60_000, concurrency = 32 } = this.options;
    const started: Array<Promise<void>> = [];
    try {
      // Sweeps first: what they schedule (the hourly planning job) is claimed in the same pass.
      for (const sweep of this.options.sweeps ?? []) await sweep();
      const now = clock();
      const free = () => concurrency - this.running.size;
      for (const job of await jobs.claimDue(
        this.owner,
        now,
        leaseMs,
        free(),
        pacing ? { notIn: pacing.kinds } : undefined,
      )) {
        started.push(this.launch(job, now));
      }
      // Paced jobs workspace by workspace, each within its own budget: a workspace whose budget
      // is spent for now waits without holding back the others.
      if (pacing && free() > 0) {
        for (const workspaceId of await jobs.workspacesWithDue(now, pacing.kinds, 100)) {
          if (free() <= 0) break;
          const slots = await pacing.budget.available(workspaceId, now, pacing.horizonMs ?? 1_000);
          if (slots <= 0) continue;
          const claimed = await jobs.claimDue(this.owner, now, leaseMs, Math.min(free(), slots), {
            in: pacing.kinds,
            workspaceId,
          });
          const startAt = await pacing.budget.reserve(workspaceId, now, claimed.length);
          if (startAt.length > 0)
            this.options.observe?.budgetLag?.(startAt.at(-1)!.getTime() - now.getTime());
          for (const [i, job] of claimed.entries()) started.push(this.launch(job, startAt[i]!));
        }
      }
    } catch (err) {
      log.error("scheduler tick failed", { err });
    }
    return started;
  }

  /** Runs a claimed job in the background once `at` has come (its slot in the send budget). */
  private launch(job: JobRow, at: Date): Promise<void> {
    const { clock, wait = sleep } = this.options;
    const ms = at.getTime() - clock().getTime();
    const tracked: Promise<void> = (ms > 0 ? wait(ms).then(() => undefined) : Promise.resolve())
      .then(() => this.run(job))
      .catch((err: unknown) => this.options.log.error("job crashed", { key: job.key, err }))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return tracked;
  }

  private async run(job: JobRow): Promise<void> {
    const { jobs, log, clock, handlers, pacing, leaseMs = 60_000 } = this.options;
    const handler = handlers[job.kind];
    if (!handler) return log.warn("no handler for job", { kind: job.kind, key: job.key });
    const keepAlive = async () =>
      !this.stopping && (await jobs.renew(job.workspaceId, job.key, this.owner, clock(), leaseMs));
    try {
      // This process may have stalled since the claim (a long GC, a suspended VM): if the lease
      // ran out meanwhile, the job may be another replica's now.
      if (!(await jobs.renew(job.workspaceId, job.key, this.owner, clock(), leaseMs))) {
        return log.warn("job claim lost before it started", { kind: job.kind, key: job.key });
      }
      await handler(job, { keepAlive });
      await jobs.complete(job.workspaceId, job.key, this.owner, clock());
    } catch (err) {
      if (err instanceof JobObsolete) {
        log.info("job dropped", { kind: job.kind, key: job.key, reason: err.message });
        await jobs.complete(job.workspaceId, job.key, this.owner, clock());
        return;
      }
      if (err instanceof JobInterrupted) {
        await jobs.release(job.workspaceId, job.key, this.owner, clock(), { countAttempt: false });
        return;
      }
      const waitSeconds = retryAfterSeconds(err);
      if (waitSeconds !== undefined) {
        // Slack said "not now" and did nothing: give the unit back for when it says, rather than
        // wait inside the claim (a long wait could outlast the lease and let a second replica in),
        // and hold every replica's sending until then. Being told to wait is not a failed attempt.
        const until = new Date(clock().getTime() + waitSeconds * 1000);
        log.info("rate limited; job put back", {
          kind: job.kind,
          key: job.key,
          retryAfterSeconds: waitSeconds,
        });
        if (pacing?.kinds.includes(job.kind)) await pacing.budget.holdUntil(job.workspaceId, until);
        await jobs.release(job.workspaceId, job.key, this.owner, until, { countAttempt: false });
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
export const turnTimerPayload = z.object({
  sessionId: z.string().uuid(),
  turnIndex: z.number().int().nonnegative(),
});

/** The payload of the vote timers (see voteTimers in usecases/run-session.ts). */
export const voteTimerPayload = z.object({
  sessionId: z.string().uuid(),
  which: z.enum(VOTE_REMINDERS).optional(),
});
