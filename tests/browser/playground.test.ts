/**
 * The playground in a real browser (Debian's chromium through playwright-core): a whole decision
 * session and a quarter's check-ins, by clicking and typing as the demo team's members would.
 * Without /usr/bin/chromium the tests are skipped with one line that says how to run them, unless
 * LASTWORD_BROWSER_TESTS=required (CI), where a missing browser fails the run.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { DEMO_TEAM } from "../../src/playground/demo-team.ts";
import { type RunningPlayground, startPlayground } from "../../src/playground/start.ts";
import { createEmptyDatabase } from "../support/database.ts";

const CHROMIUM = "/usr/bin/chromium";
const REQUIRED = process.env.LASTWORD_BROWSER_TESTS === "required";
const AVAILABLE = existsSync(CHROMIUM);
const ARTIFACTS = path.resolve("tests/browser/artifacts");
const HOW = "apt-get install -y chromium, then npm test (or LASTWORD_BROWSER_TESTS=required to insist)";

if (!AVAILABLE && REQUIRED)
  throw new Error(`LASTWORD_BROWSER_TESTS=required but ${CHROMIUM} is missing: ${HOW}`);

const name = (rank: number) => DEMO_TEAM[rank - 1]!.names.en.realName;

let playground: RunningPlayground;
let browser: BrowserContext;
let page: Page;
let dataDir: string;

describe.skipIf(!AVAILABLE)(`the playground in chromium (skipped without ${CHROMIUM}: ${HOW})`, () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "lastword-playground-"));
    await mkdir(ARTIFACTS, { recursive: true });
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: await createEmptyDatabase(),
      LASTWORD_BALLOT_KEY: randomBytes(32).toString("base64"),
      LASTWORD_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    });
    playground = await startPlayground(config, createLogger("warn"));
    // A fresh profile in the test's own directory: nothing from an earlier run or the machine.
    browser = await chromium.launchPersistentContext(path.join(dataDir, "chromium"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1360, height: 900 },
    });
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(playground.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Switches member and waits until the page shows what that member sees. */
  const actAs = async (rank: number) => {
    await page.selectOption("#act-as", { label: name(rank) });
    await page.locator(`body[data-me="${DEMO_TEAM[rank - 1]!.id}"]`).waitFor();
  };
  const thread = () => page.locator("#thread-messages");
  const typeInto = async (box: string, text: string) => {
    await page.fill(box, text);
    await page.press(box, "Enter");
  };
  const currentTurnCall = () =>
    thread()
      .locator("article")
      .filter({ has: page.locator('[data-action-id="turn_done"]') })
      .last();

  it("runs a whole session: the form, the speaking order, a refusal, the secret ballot, the outcome and the minutes", async () => {
    await expect.poll(() => page.locator("#messages article").count()).toBeGreaterThanOrEqual(7);
    await actAs(1);
    await typeInto("#composer", "/decide");
    const form = page.locator("#modal");
    await form.waitFor({ state: "visible" });
    await form
      .locator('[data-block-id="matter"] textarea')
      .fill("Replace the county's ageing ambulance fleet");
    await form.locator('[data-block-id="category"] select').selectOption("decision");
    await form.locator('[data-block-id="proposer"] select').selectOption({ label: name(2) });
    await form.locator('[data-block-id="ballot"] select').selectOption("secret");
    await page.click("#modal-submit");
    await form.waitFor({ state: "hidden" });

    const header = page.locator("#messages article").filter({ hasText: "ambulance" }).last();
    await header.locator("[data-thread]").click();
    await thread().locator("article").first().waitFor();

    // Out of turn: Tom (rank 6) replies while the proposer speaks; only Tom is told, privately.
    await currentTurnCall()
      .filter({ hasText: name(2) })
      .waitFor();
    await actAs(6);
    await typeInto("#thread-composer", "I would rather lease them.");
    const refusal = thread().locator("article.ephemeral").filter({ hasText: "It is not your turn yet" });
    await refusal.waitFor();
    await actAs(7);
    await expect.poll(() => thread().locator("article").filter({ hasText: "lease them" }).count()).toBe(1);
    expect(await refusal.count()).toBe(0);

    // Each member called speaks and presses Done: the proposer first, then from the lowest rank up,
    // the principal last.
    const spoke: string[] = [];
    for (let turn = 0; turn < 7; turn++) {
      const call = currentTurnCall();
      await call.waitFor();
      const speaker = (await call.locator(".mention").first().textContent())!.replace(/^@/, "");
      expect(spoke).not.toContain(speaker);
      spoke.push(speaker);
      const rank = DEMO_TEAM.find((m) => m.names.en.realName === speaker)!.rank;
      await actAs(rank);
      await typeInto("#thread-composer", `Statement of ${speaker}.`);
      await thread()
        .locator("article")
        .filter({ hasText: `Statement of ${speaker}.` })
        .waitFor();
      // Done right after the reply may reach the bot before the reply is recorded; the bot then
      // says "reply first" privately, and the member presses Done again, as a person would.
      const moved = async () =>
        turn < 6
          ? ((await currentTurnCall().locator(".mention").first().textContent()) ?? "") !== `@${speaker}`
          : (await thread().locator("article").filter({ hasText: "The vote opens" }).count()) > 0;
      await expect
        .poll(
          async () => {
            if (await moved()) return true;
            await currentTurnCall().locator('[data-action-id="turn_done"]').click();
            return false;
          },
          { timeout: 30_000, interval: 1_500 },
        )
        .toBe(true);
    }
    expect(spoke).toEqual([2, 7, 6, 5, 4, 3, 1].map(name));

    // The secret ballot, through its form, by all seven.
    for (const m of DEMO_TEAM) {
      await actAs(m.rank);
      await thread().locator('[data-action-id="vote_secret"]').last().click();
      await form.waitFor({ state: "visible" });
      await form.locator(".radio", { hasText: "Approve" }).first().click();
      await page.click("#modal-submit");
      await expect.poll(() => page.locator("#modal-title").textContent()).toBe("Ballot cast");
      await page.click("#modal-close");
      await form.waitFor({ state: "hidden" });
    }
    await thread().locator("article").filter({ hasText: "Passed." }).last().waitFor({ timeout: 30_000 });
    await thread()
      .locator("article")
      .filter({ hasText: "Minutes of session #1" })
      .last()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "finished-session.png") });
  }, 240_000);

  it("moves the bot's clock to the next quarter: each member gets the check-in DM, and Done records it", async () => {
    await page.click("#clock-quarter");
    await page.click("#open-dm");
    for (const m of DEMO_TEAM) {
      await actAs(m.rank);
      const checkin = page
        .locator("#messages article")
        .filter({ has: page.locator('[data-action-id="checkin_done"]') });
      await checkin.last().waitFor({ timeout: 60_000 });
    }
    await actAs(3);
    await page.screenshot({ path: path.join(ARTIFACTS, "checkin-dm.png") });
    await page.locator('#messages [data-action-id="checkin_done"]').last().click();
    const form = page.locator("#modal");
    await form.waitFor({ state: "visible" });
    await form.locator('[data-block-id="what"] textarea').fill("Inspected the three road projects on site.");
    await page.click("#modal-submit");
    await form.waitFor({ state: "hidden" });
    await page.locator("#messages article").filter({ hasText: "check-in is done" }).last().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "checkin-done.png") });
  }, 240_000);

  it("changes the team in the setup form: /lastword roster edit, a title given, one notice in the channel", async () => {
    await page.locator("#channel-list button").first().click();
    await actAs(1);
    await typeInto("#composer", "/lastword roster edit");
    const form = page.locator("#modal");
    await form.waitFor({ state: "visible" });
    const chosen = form.locator('[data-block-id="members"] select option:checked');
    await expect.poll(() => chosen.count()).toBe(DEMO_TEAM.length);
    await page.click("#modal-submit");
    const title = form.locator(`[data-block-id="title_${DEMO_TEAM[6]!.id}"] input`);
    await title.waitFor();
    await title.fill("Director of the county office");
    await page.click("#modal-submit");
    await form.waitFor({ state: "hidden" });
    // The channel's one notice (the saver's private answer says the same, with the roster).
    const notice = page
      .locator("#messages article:not(.ephemeral)")
      .filter({ hasText: "changed the leadership team" });
    await notice.last().waitFor();
    expect(await notice.count()).toBe(1);
    await page
      .locator("#messages article.ephemeral")
      .filter({ hasText: "Director of the county office" })
      .last()
      .waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "setup-form-saved.png") });
  }, 120_000);

  it("exports session #1 as two files in the asker's direct messages, to download", async () => {
    await actAs(1);
    await typeInto("#composer", "/lastword ledger export 1");
    await page.locator("#messages article.ephemeral").filter({ hasText: "as two files" }).last().waitFor();
    await page.click("#open-dm");
    const links = page.locator("#messages a.file-link");
    await expect.poll(() => links.count()).toBe(2);
    expect(await links.evaluateAll((all) => all.map((a) => (a as HTMLElement).dataset.file))).toEqual([
      "lastword-session-1-minutes.md",
      "lastword-session-1-ledger.csv",
    ]);
    const minutes = await page.request.get(
      new URL((await links.first().getAttribute("href"))!, page.url()).href,
    );
    expect(await minutes.text()).toMatch(/^# Minutes of session #1\n/);
    await links.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "export-files.png") });
  }, 120_000);

  it("speaks Chinese when switched, and shows what a member typed as text, never as markup", async () => {
    await page.locator("#channel-list button").first().click();
    await page.selectOption("#language", "zh-CN");
    await expect.poll(() => page.locator('label[for="language"]').textContent()).toBe("语言");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    // An attack through the composer: if the page built HTML from message text, these would run.
    const attack = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>粗体</b>`;
    await typeInto("#composer", attack);
    const posted = page.locator("#messages article").filter({ hasText: 'onerror="window.__pwned=1"' }).last();
    await posted.waitFor();
    expect(await posted.textContent()).toContain("<script>window.__pwned=2</script>");
    expect(await posted.locator("img, script, b").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: path.join(ARTIFACTS, "zh-CN-and-escaping.png") });
  }, 120_000);
});
