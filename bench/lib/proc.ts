/**
 * CPU time of processes, read from /proc (Linux only; elsewhere it reads 0), so a phase can say
 * how much CPU the bot, the bare Bolt app, Postgres and the load generator each spent on it,
 * next to what the rest of the machine did meanwhile.
 */
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The postmaster's pid, from postmaster.pid in the cluster folder (`<dataDir>/postgres`). */
export async function postmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const pid = Number(
      (await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0],
    );
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  own: number;
  /** cutime + cstime: children that exited and were waited for. */
  reaped: number;
}

async function readStat(pid: string | number): Promise<Stat | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces; the fields after its closing parenthesis are fixed:
    // state, ppid, ... utime (14th field overall), stime, cutime, cstime (17th).
    const f = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    return { pid: Number(pid), ppid: f[1]!, own: f[11]! + f[12]!, reaped: f[13]! + f[14]! };
  } catch {
    return undefined; // gone meanwhile
  }
}

const ms = (ticks: number) => (ticks / clockTicks()) * 1000;

/** Milliseconds of CPU (user + system) one process has used so far. */
export async function processCpuMs(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const s = await readStat(pid);
  return s ? ms(s.own) : 0;
}

/**
 * Milliseconds of CPU used so far by a Postgres server: the postmaster, its live children (the
 * backends, the WAL writer, the checkpointer…) and the children it has already reaped (a backend
 * whose connection closed keeps counting, through the postmaster's cutime). Backends in `exclude`
 * (the benchmark's own connections) are left out while they live.
 */
export async function postgresCpuMs(
  postmaster: number | undefined,
  exclude: ReadonlySet<number> = new Set(),
): Promise<number> {
  if (postmaster === undefined) return 0;
  let entries: string[];
  try {
    entries = await readdir("/proc");
  } catch {
    return 0;
  }
  const stats = await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map((e) => readStat(e)));
  let ticks = 0;
  for (const s of stats) {
    if (!s) continue;
    if (s.pid === postmaster) ticks += s.own + s.reaped;
    else if (s.ppid === postmaster && !exclude.has(s.pid)) ticks += s.own;
  }
  return ms(ticks);
}

/**
 * Milliseconds of CPU the whole machine has spent busy (every process, all cores) since boot, from
 * /proc/stat: minus what the measured processes used, what else ran meanwhile (other jobs on a
 * shared machine). 0 where /proc is missing.
 */
export async function machineBusyMs(): Promise<number> {
  try {
    const line = (await readFile("/proc/stat", "utf8")).split("\n")[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ms((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0));
  } catch {
    return 0;
  }
}
