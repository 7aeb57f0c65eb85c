/**
 * CPU time of one Postgres server (its postmaster and the backends it forked), read from /proc, so
 * a phase can say how busy the database was next to Node. Other Postgres servers on the machine
 * (another test run, say) are not counted. Linux only; elsewhere it reads 0. A backend that exits
 * takes its CPU time with it, so sample while the pools are open.
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

/** Milliseconds of CPU (user + system) used so far by the postmaster `pid` and its children. */
export async function postgresCpuMs(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  let entries: string[];
  try {
    entries = await readdir("/proc");
  } catch {
    return 0;
  }
  let ticks = 0;
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (entry) => {
        try {
          const stat = await readFile(`/proc/${entry}/stat`, "utf8");
          // The command name may hold spaces; the fields after its closing parenthesis are fixed:
          // state, ppid, ... utime (14th field overall), stime (15th).
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          if (Number(entry) !== pid && Number(fields[1]) !== pid) return;
          ticks += Number(fields[11]) + Number(fields[12]);
        } catch {
          // the process went away meanwhile
        }
      }),
  );
  return (ticks / clockTicks()) * 1000;
}

/**
 * Milliseconds of CPU the whole machine has spent busy (every process, all cores) since boot, from
 * /proc/stat; with this process's and Postgres's own time subtracted, what else ran meanwhile
 * (other jobs on a shared machine). 0 where /proc is missing.
 */
export async function machineBusyMs(): Promise<number> {
  try {
    const line = (await readFile("/proc/stat", "utf8")).split("\n")[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return (
      (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
        clockTicks()) *
      1000
    );
  } catch {
    return 0;
  }
}
