/**
 * The bot under test as a child process, run the way `npm start` runs it: the compiled build in
 * dist/ with the start script's Node flags (read from package.json, so the bot measured is the bot
 * run), and the bare Bolt app with the same flags. Every child is tracked so that one cleanup stops
 * them all, also on error; a child that will not stop is killed.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { isAlive } from "../../src/store/embedded-postgres.ts";
import { sleep } from "./pool.ts";

export const REPO = path.resolve(import.meta.dirname, "../..");

/**
 * What `npm start` runs after its build check: `exec node <flags> <script>`, split into the flags
 * and the script. Throws if the start script no longer has that shape (the bench would measure
 * something else than production).
 */
export function startCommand(): { flags: string[]; script: string } {
  const start = (
    JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: { start: string } }
  ).scripts.start;
  const words = /exec node (.+)$/.exec(start)?.[1]?.trim().split(/\s+/);
  const script = words?.at(-1);
  if (!words || !script?.endsWith(".js"))
    throw new Error(`package.json's start script is not "… && exec node <flags> <file>.js": ${start}`);
  return { flags: words.slice(0, -1), script };
}

/** The build check `npm start` runs first: rebuilds dist/ when it is missing or older than src/. */
export function ensureBuild(): void {
  execFileSync(process.execPath, ["scripts/ensure-build.mjs"], { cwd: REPO, stdio: "inherit" });
}

export interface Child {
  pid: number;
  port: number;
  /** performance.now() when it was spawned. */
  spawnedAt: number;
  /** Log lines (stderr and stdout), each with when it arrived (performance.now()). */
  lines: Array<{ at: number; line: string }>;
  exited: Promise<number | null>;
  process: ChildProcess;
}

const children = new Set<Child>();

/** The compiled bot, as `npm start` runs it. */
export function spawnBot(env: Record<string, string>, port: number, nodeArgs: string[] = []): Child {
  const { flags, script } = startCommand();
  return spawnNode(script, env, port, [...flags, ...nodeArgs]);
}

/** The bare Bolt app (bench/lib/bare-bolt.mjs) with the bot's Node flags. */
export function spawnBareBolt(signingSecret: string, port: number): Child {
  return spawnNode(
    "bench/lib/bare-bolt.mjs",
    { SLACK_SIGNING_SECRET: signingSecret },
    port,
    startCommand().flags,
  );
}

function spawnNode(script: string, env: Record<string, string>, port: number, nodeArgs: string[]): Child {
  const spawnedAt = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, script], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Child["lines"] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n"))
      if (line.trim() && lines.length < 2_000) lines.push({ at: performance.now(), line });
  };
  proc.stdout!.on("data", collect);
  proc.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const child: Child = { pid: proc.pid!, port, spawnedAt, lines, exited, process: proc };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** Polls GET /readyz until it answers 200; returns ms since spawn. Throws if the child exits or time runs out. */
export async function waitReady(child: Child, timeoutMs: number): Promise<number> {
  const url = `http://127.0.0.1:${child.port}/readyz`;
  let exitCode: number | null | undefined;
  void child.exited.then((c) => (exitCode = c));
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (exitCode !== undefined)
      throw new Error(`pid ${child.pid} exited (code ${exitCode}) before it was ready:\n  ${tail(child)}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await r.text();
      if (r.status === 200) return performance.now() - child.spawnedAt;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`pid ${child.pid} was not ready within ${timeoutMs} ms:\n  ${tail(child)}`);
}

/** Waits for a line matching `pattern` in the child's output; returns it. */
export async function waitForLine(child: Child, pattern: RegExp, timeoutMs: number): Promise<string> {
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

export function tail(child: Child, n = 8): string {
  return child.lines
    .slice(-n)
    .map((l) => l.line.slice(0, 300))
    .join("\n  ");
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

/** SIGTERM (the bot stops Slack, the scheduler and its database pool in order), SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs = 15_000): Promise<void> {
  if (isAlive(child.pid) && child.process.exitCode === null) {
    child.process.kill("SIGTERM");
    const stopped = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!stopped) {
      process.stderr.write(`bench: pid ${child.pid} did not stop within ${graceMs} ms; killing it\n`);
      child.process.kill("SIGKILL");
      await Promise.race([child.exited, sleep(5_000)]);
    }
  }
  children.delete(child);
}

/** Stops every child still running (for cleanup). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all(
    [...children].map((c) =>
      stopChild(c).catch((err: unknown) =>
        process.stderr.write(`bench: stopping pid ${c.pid}: ${String(err)}\n`),
      ),
    ),
  );
}
