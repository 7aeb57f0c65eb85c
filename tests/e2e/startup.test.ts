import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { freePort, startEmbeddedPostgres } from "../../src/store/embedded-postgres.ts";
import { startFakeSlack } from "../harness/fake-slack.ts";
import { startTestBot } from "../support/bot.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Runs the README's `npm start` as its own process, as a user (or a process manager) would. */
function startProcess(env: Record<string, string>) {
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForReady(port: number, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (res?.status === 200) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready on ${port} within ${timeoutMs} ms`);
}

describe("starting Lastword", () => {
  it("reports every bad setting at once and exits non-zero", async () => {
    const p = startProcess({ PORT: "many", LOG_LEVEL: "chatty" });
    expect(await p.exited).toBe(1);
    for (const variable of ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "PORT", "LOG_LEVEL"])
      expect(p.output()).toContain(variable);
  });

  it("runs on its own embedded Postgres with made-up credentials, stops cleanly, and starts again on the same data", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "lastword-start-"));
    dirs.push(dataDir);
    const env = {
      SLACK_BOT_TOKEN: "xoxb-made-up",
      SLACK_SIGNING_SECRET: "made-up-secret",
      LASTWORD_DATA_DIR: dataDir,
    };
    for (const run of ["first", "again"]) {
      const port = await freePort();
      const p = startProcess({ ...env, PORT: String(port) });
      await waitForReady(port);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status, run).toBe(200);
      // A process manager stops npm, not the bot: the signal must reach the bot through it.
      p.child.kill("SIGTERM");
      expect(await p.exited, run).toBe(0);
      expect(p.output(), run).toContain('"msg":"shutting down"');
      // The embedded server went down with the bot: nothing holds the data directory.
      expect(p.output(), run).not.toContain('"level":"error"');
      const postmaster = await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").catch(
        () => null,
      );
      expect(postmaster, run).toBeNull();
    }
  }, 120_000);

  it("answers /readyz 503 while its database is down and 200 again when it is back", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lastword-ready-"));
    dirs.push(dir);
    const log = createLogger("error");
    let pg = await startEmbeddedPostgres(dir, log);
    const fake = await startFakeSlack();
    const bot = await startTestBot(fake, pg.url, { LOG_LEVEL: "error" });
    const ready = () => fetch(`http://127.0.0.1:${bot.running.port}/readyz`).then((r) => r.status);
    try {
      expect(await ready()).toBe(200);
      await pg.stop();
      expect(await ready()).toBe(503);
      expect((await fetch(`http://127.0.0.1:${bot.running.port}/healthz`)).status).toBe(200);
      pg = await startEmbeddedPostgres(dir, log, { port: pg.port });
      expect(await ready()).toBe(200);
    } finally {
      await bot.stop();
      await pg.stop();
      await fake.close();
    }
  }, 60_000);
});
