/**
 * The real bot as a child process (`node <the start script's flags> --import tsx src/main.ts`),
 * the way `npm start` runs it in production, for what cannot be measured in-process: its own memory, and its start-up. Every
 * child is tracked so that one cleanup stops them all, also on error; a child that will not stop
 * is killed, and an embedded Postgres it leaves behind (SIGKILL gives it no chance to stop it) is
 * shut down through the pid in its cluster folder.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { isAlive } from "../../src/store/embedded-postgres.ts";
import { postmasterPid } from "./proc.ts";
import { sleep } from "./pool.ts";

export const REPO = path.resolve(import.meta.dirname, "../..");

/** The Node flags of package.json's start script (the heap limits), so the bot measured is the bot run. */
export const START_FLAGS: string[] = (
  JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith("--max-"));

export interface BotChild {
  pid: number;
  port: number;
  /** performance.now() when it was spawned. */
  spawnedAt: number;
  /** Log lines (stderr and stdout), each with when it arrived (performance.now()). */
  lines: Array<{ at: number; line: string }>;
  exited: Promise<number | null>;
  /** The embedded database's folder, when the child runs its own. */
  dataDir?: string;
  process: ChildProcess;
}

const children = new Set<BotChild>();

export function spawnBot(
  env: Record<string, string>,
  port: number,
  dataDir?: string,
  nodeArgs: string[] = [],
): BotChild {
  return spawnNode("src/main.ts", env, port, dataDir, [...START_FLAGS, ...nodeArgs]);
}

/** `node [nodeArgs] --import tsx <script>` in the repository, tracked like the bot. */
export function spawnNode(
  script: string,
  env: Record<string, string>,
  port: number,
  dataDir?: string,
  nodeArgs: string[] = [],
): BotChild {
  const spawnedAt = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: BotChild["lines"] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n"))
      if (line.trim() && lines.length < 2_000) lines.push({ at: performance.now(), line });
  };
  proc.stdout!.on("data", collect);
  proc.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const child: BotChild = {
    pid: proc.pid!,
    port,
    spawnedAt,
    lines,
    exited,
    process: proc,
    ...(dataDir ? { dataDir } : {}),
  };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** Polls GET /readyz until it answers 200; returns ms since spawn. Throws if the child exits or time runs out. */
export async function waitReady(child: BotChild, timeoutMs: number, everyMs = 20): Promise<number> {
  const url = `http://127.0.0.1:${child.port}/readyz`;
  let exitCode: number | null | undefined;
  void child.exited.then((c) => (exitCode = c));
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (exitCode !== undefined)
      throw new Error(`the bot exited (code ${exitCode}) before it was ready:\n  ${tail(child)}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await r.text();
      if (r.status === 200) return performance.now() - child.spawnedAt;
    } catch {
      // not listening yet
    }
    await sleep(everyMs);
  }
  throw new Error(`the bot was not ready within ${timeoutMs} ms:\n  ${tail(child)}`);
}

/** Waits for a line matching `pattern` in the child's output; returns it. */
export async function waitForLine(child: BotChild, pattern: RegExp, timeoutMs: number): Promise<string> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const hit = child.lines.find((l) => pattern.test(l.line));
    if (hit) return hit.line;
    if (child.process.exitCode !== null) break;
    await sleep(20);
  }
  throw new Error(
    `no line matching ${pattern} from pid ${child.pid} within ${timeoutMs} ms:\n  ${tail(child)}`,
  );
}

export function tail(child: BotChild, n = 8): string {
  return child.lines
    .slice(-n)
    .map((l) => l.line.slice(0, 300))
    .join("\n  ");
}

/**
 * With bench/lib/memprobe.mjs preloaded: asks the bot to collect garbage and report its memory
 * (process.memoryUsage(), in MiB). Undefined if no answer comes within 5 s.
 */
export async function probeMemory(child: BotChild): Promise<Record<string, number> | undefined> {
  const from = child.lines.length;
  child.process.kill("SIGUSR2");
  const end = performance.now() + 5_000;
  while (performance.now() < end) {
    for (const { line } of child.lines.slice(from)) {
      if (!line.startsWith('{"memprobe"')) continue;
      const usage = (JSON.parse(line) as { memprobe: Record<string, number> }).memprobe;
      return Object.fromEntries(
        Object.entries(usage).map(([k, v]) => [k, Math.round((v / 2 ** 20) * 10) / 10]),
      );
    }
    await sleep(20);
  }
  return undefined;
}

/** Resident memory by kind of mapping, in MiB, from /proc/<pid>/smaps: anonymous (JS heap, WebAssembly memories, malloc) and files (code, libraries). */
export async function rssByMapping(pid: number): Promise<{ anonymous: number; files: number }> {
  const smaps = await readFile(`/proc/${pid}/smaps`, "utf8");
  const out = { anonymous: 0, files: 0 };
  let kind: keyof typeof out = "anonymous";
  for (const line of smaps.split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      kind = (head[1] ?? "").startsWith("/") ? "files" : "anonymous";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) out[kind] += Number(rss[1]);
  }
  return { anonymous: Math.round(out.anonymous / 102.4) / 10, files: Math.round(out.files / 102.4) / 10 };
}

/** Resident memory and its peak, in MiB, from /proc/<pid>/status. */
export async function rssMiB(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return {
    rss: Math.round((kb("VmRSS") / 1024) * 10) / 10,
    peak: Math.round((kb("VmHWM") / 1024) * 10) / 10,
  };
}

/** SIGTERM (the bot stops Slack, the scheduler and its database in order), SIGKILL after `graceMs`. */
export async function stopBot(child: BotChild, graceMs = 15_000): Promise<void> {
  if (isAlive(child.pid) && child.process.exitCode === null) {
    child.process.kill("SIGTERM");
    const stopped = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!stopped) {
      process.stderr.write(`bench: bot ${child.pid} did not stop within ${graceMs} ms; killing it\n`);
      child.process.kill("SIGKILL");
      await Promise.race([child.exited, sleep(5_000)]);
    }
  }
  // A killed bot leaves its embedded Postgres running: stop that too.
  if (child.dataDir) {
    const pid = await postmasterPid(child.dataDir);
    if (pid !== undefined && isAlive(pid)) {
      process.kill(pid, "SIGINT");
      const end = Date.now() + 15_000;
      while (isAlive(pid) && Date.now() < end) await sleep(100);
      if (isAlive(pid)) process.kill(pid, "SIGKILL");
    }
  }
  children.delete(child);
}

/** Stops every child still running (for cleanup). */
export async function stopAllBots(): Promise<void> {
  await Promise.all(
    [...children].map((c) =>
      stopBot(c).catch((err: unknown) =>
        process.stderr.write(`bench: stopping bot ${c.pid}: ${String(err)}\n`),
      ),
    ),
  );
}
