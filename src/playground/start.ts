import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config.ts";
import type { Locale } from "../i18n/locales.ts";
import { startLastword, type RunningLastword, type StartOptions } from "../lastword.ts";
import type { Logger } from "../logger.ts";
import { MovableClock } from "./clock.ts";
import { DEMO_CHANNEL, DEMO_TEAM, DEMO_TIMEZONE, rosterAddCommand, slackLocale } from "./demo-team.ts";
import { LocalSlack, type LocalSlackSnapshot } from "./local-slack.ts";
import { pageRoutes, type PageState } from "./page-api.ts";
import { SlackDriver } from "./signed-requests.ts";

/** What the playground keeps in LASTWORD_DATA_DIR besides the database. */
interface SavedPlayground {
  slack: LocalSlackSnapshot;
  clockOffsetMs: number;
  page: PageState;
}

export interface RunningPlayground {
  /** The page: http://localhost:<PORT>/ */
  url: string;
  slack: LocalSlack;
  bot: RunningLastword;
  clock: MovableClock;
  stop(): Promise<void>;
}

const TEAM = { id: "T0PLAYGROUND", domain: "lastword-playground", name: "Lastword Playground" };

/**
 * `npm start` without Slack credentials: the local Slack on PORT (the page and the Web API the
 * bot calls), and the bot itself on a free port of its own, signed requests between the two. The
 * first start seeds the demo team through the bot's own `/lastword roster add`; the workspace and
 * the clock are saved in the data directory, so a later start carries on where the last stopped.
 */
export async function startPlayground(
  config: Config,
  log: Logger,
  options: Pick<StartOptions, "signal"> = {},
): Promise<RunningPlayground> {
  const file = path.join(config.dataDir, "playground.json");
  const saved = existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as SavedPlayground) : undefined;
  const clock = new MovableClock(saved?.clockOffsetMs ?? 0);
  const state: PageState = saved?.page ?? { language: config.defaultLocale, triggers: [], closedViews: [] };

  let saving: ReturnType<typeof saver> | undefined;
  const save = () => saving?.schedule();
  let routes: ReturnType<typeof pageRoutes> | undefined;
  const slack = await LocalSlack.start({
    team: TEAM,
    bot: { name: "lastword" },
    port: config.port,
    routes: (req, res, url, body) => (routes ? routes(req, res, url, body) : Promise.resolve(false)),
  });
  let bot: RunningLastword | undefined;
  try {
    if (saved) slack.restore(saved.slack);
    else {
      slack.addChannel({
        id: DEMO_CHANNEL.id,
        name: DEMO_CHANNEL.name,
        members: [slack.bot.userId, ...DEMO_TEAM.map((m) => m.id)],
      });
      setLanguage(slack, state.language);
    }
    bot = await startLastword(
      {
        ...config,
        port: 0,
        slack: { ...config.slack, appToken: undefined, apiUrl: slack.apiUrl },
      },
      log,
      { clock: clock.now, ...(options.signal ? { signal: options.signal } : {}) },
    );
    const driver = new SlackDriver({
      url: `http://127.0.0.1:${bot.port}/slack/events`,
      signingSecret: config.slack.signingSecret!,
      teamId: TEAM.id,
      slack,
    });
    saving = saver(file, () => ({ slack: slack.snapshot(), clockOffsetMs: clock.offset, page: state }), log);
    slack.onChange(save);
    routes = pageRoutes({
      slack,
      driver,
      clock,
      log,
      timezone: DEMO_TIMEZONE,
      state,
      setLanguage: (language) => {
        state.language = language;
        setLanguage(slack, language);
      },
      changed: save,
    });
    if (!saved) await seedRoster(slack, driver, state.language);
    await saving.flush();
  } catch (err) {
    await bot?.stop();
    await slack.close();
    throw err;
  }
  const running = bot;
  const url = `http://localhost:${new URL(slack.url).port}/`;
  return {
    url,
    slack,
    bot: running,
    clock,
    stop: async () => {
      await running.stop();
      await slack.close();
      await saving?.flush();
    },
  };
}

/** The demo team's names and Slack locale in `language` (the same users, so the roster stays). */
function setLanguage(slack: LocalSlack, language: Locale): void {
  for (const m of DEMO_TEAM) {
    const { handle, realName } = m.names[language];
    slack.addUser({ id: m.id, name: handle, realName, locale: slackLocale(language), tz: DEMO_TIMEZONE });
  }
}

/** The roster, built as a person would: `/lastword roster add` for each member, by the principal. */
async function seedRoster(slack: LocalSlack, driver: SlackDriver, language: Locale): Promise<void> {
  const principal = DEMO_TEAM[0]!;
  for (const m of DEMO_TEAM) {
    const sent = await driver.command({
      command: "/lastword",
      text: rosterAddCommand(m, language),
      userId: principal.id,
      channelId: DEMO_CHANNEL.id,
    });
    await slack.waitForResponse((r) => r.id === sent.responseUrlId, 30_000);
  }
}

/**
 * Saves at most every quarter second (`schedule`), or at once (`flush`), each time to a new file
 * moved into place, so a stop mid-write never leaves half a file.
 */
function saver(file: string, snapshot: () => SavedPlayground, log: Logger) {
  let pending: NodeJS.Timeout | undefined;
  let writing = Promise.resolve();
  const flush = (): Promise<void> => {
    clearTimeout(pending);
    pending = undefined;
    const text = JSON.stringify(snapshot());
    writing = writing
      .then(async () => {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(`${file}.tmp`, text);
        await rename(`${file}.tmp`, file);
      })
      .catch((err: unknown) => log.warn("could not save the playground", { err }));
    return writing;
  };
  return {
    flush,
    schedule: () => {
      pending ??= setTimeout(() => void flush(), 250);
    },
  };
}
