/**
 * Runs `tasks` with at most `concurrency` in flight (a closed loop: a worker sends its next task as
 * soon as the previous one answered). Once `stop()` says so, tasks not yet started are skipped.
 * Returns how many ran; a task that throws is counted in `failed` and does not stop the others.
 */
export async function runPool<T>(
  tasks: readonly T[],
  concurrency: number,
  run: (task: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<{ ran: number; failed: number; skipped: number; errors: string[] }> {
  let next = 0;
  let ran = 0;
  let failed = 0;
  const errors: string[] = [];
  const worker = async () => {
    while (next < tasks.length && !stop()) {
      const task = tasks[next++]!;
      ran++;
      try {
        await run(task);
      } catch (err) {
        failed++;
        if (errors.length < 5) errors.push(String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
  return { ran, failed, skipped: tasks.length - ran, errors };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 25,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
