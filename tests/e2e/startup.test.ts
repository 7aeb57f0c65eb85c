import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { freePort, isAlive, startEmbeddedPostgres } from "../../src/store/embedded-postgres.ts";
import { startFakeSlack } from "../harness/fake-slack.ts";
import { startTestBot } from "../support/bot.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];
const dirs: string[] = [];
// `npm start` runs the compiled build and rebuilds it first when src/ is newer (an edit since
// `npm install`). That build takes a minute on a loaded machine: do it here, not inside the tests'
// start-up limits.
beforeAll(() => {
  const build = spawnSync(process.execPath, ["scripts/ensure-build.mjs"], { cwd: ROOT, encoding: "utf8" });
  expect(build.status, build.stderr + build.stdout).toBe(0);
}, 300_000);
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

/** Every line the bot wrote is one JSON object (a log collector reads nothing else). */
function expectJsonLines(output: string) {
  const lines = output.split("\n").filter((l) => l.trim() !== "");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
}

/** The embedded Postgres's pid, from its pid file (undefined when none is running). */
async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const file = await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").catch(() => null);
  return file ? Number(file.split("\n")[0]) : undefined;
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
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
    const p = startProcess({ SLACK_SIGNING_SECRET: "half-set", PORT: "many", LOG_LEVEL: "chatty" });
    expect(await p.exited).toBe(1);
    for (const variable of ["SLACK_BOT_TOKEN", "PORT", "LOG_LEVEL"]) expect(p.output()).toContain(variable);
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
      // What answers is the compiled build, not TypeScript through tsx: npm's child is the bot itself.
      const bot = execFileSync("ps", ["-o", "args=", "--ppid", String(p.child.pid)], { encoding: "utf8" });
      expect(bot.trim(), run).toMatch(/^node .* dist\/main\.js$/);
      expect(bot, run).not.toContain("tsx");
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
      expectJsonLines(p.output());
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

  it("stops the embedded Postgres it was starting when told to stop during start-up, and exits", async () => {
    const dataDir = await tempDir("lastword-stop-early-");
    const p = startProcess({
      SLACK_BOT_TOKEN: "xoxb-made-up",
      SLACK_SIGNING_SECRET: "made-up-secret",
      LASTWORD_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    });
    // A fresh data directory: the cluster is being created when the stop comes.
    await expect.poll(p.output, { timeout: 60_000 }).toContain("initialising the embedded Postgres cluster");
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('"msg":"stopped during start-up"');
    expect(p.output()).not.toContain("Lastword is listening");
    expect(await postmasterPid(dataDir)).toBeUndefined();
    expectJsonLines(p.output());
  }, 120_000);

  it("names apps.connections.open once while Socket Mode cannot reach Slack, is not ready, and stops its Postgres on SIGTERM", async () => {
    const dataDir = await tempDir("lastword-socket-down-");
    // Slack's address answers nothing: every connection is dropped at once ("fetch failed").
    let attempts = 0;
    const unreachable = net.createServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => unreachable.listen(0, "127.0.0.1", resolve));
    const { port: slackPort } = unreachable.address() as net.AddressInfo;
    const port = await freePort();
    const p = startProcess({
      SLACK_BOT_TOKEN: "xoxb-made-up",
      SLACK_APP_TOKEN: "xapp-1-A0LASTWORD-1-made-up",
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      LASTWORD_DATA_DIR: dataDir,
      PORT: String(port),
    });
    try {
      await expect.poll(() => attempts, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
      const failures = p
        .output()
        .split("\n")
        .filter((l) => l.includes("apps.connections.open failed"));
      expect(failures).toHaveLength(1);
      expect(JSON.parse(failures[0]!).msg).toMatch(
        /^apps\.connections\.open failed: fetch failed — check that this host reaches Slack/,
      );
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toBe("Socket Mode not connected");
      const postgres = await postmasterPid(dataDir);
      expect(postgres).toBeDefined();
      p.child.kill("SIGTERM");
      expect(await p.exited).toBe(0);
      expect(p.output()).toContain('"msg":"stopped during start-up"');
      expect(await postmasterPid(dataDir)).toBeUndefined();
      expect(isAlive(postgres!)).toBe(false);
      expectJsonLines(p.output());
    } finally {
      unreachable.close();
    }
  }, 120_000);

  it("exits with what to check when Slack refuses the app-level token, and leaves no Postgres running", async () => {
    const dataDir = await tempDir("lastword-socket-refused-");
    const fake = await startFakeSlack();
    fake.respondTo("apps.connections.open", { ok: false, error: "invalid_auth" });
    try {
      const p = startProcess({
        SLACK_BOT_TOKEN: "xoxb-made-up",
        SLACK_APP_TOKEN: "xapp-1-A0LASTWORD-1-revoked",
        SLACK_API_URL: fake.apiUrl,
        LASTWORD_DATA_DIR: dataDir,
        PORT: String(await freePort()),
      });
      expect(await p.exited).toBe(1);
      const failures = p
        .output()
        .split("\n")
        .filter((l) => l.includes("apps.connections.open failed"));
      expect(failures).toHaveLength(1);
      expect(JSON.parse(failures[0]!).msg).toBe(
        "apps.connections.open failed: invalid_auth — check SLACK_APP_TOKEN (the app-level token, xapp-…, with the connections:write scope, from the app's Basic Information page)",
      );
      expect(p.output()).toContain('"msg":"Lastword could not start"');
      expect(await postmasterPid(dataDir)).toBeUndefined();
      expectJsonLines(p.output());
    } finally {
      await fake.close();
    }
  }, 120_000);
});
