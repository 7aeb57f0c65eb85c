import type { Locale } from "../i18n/locales.ts";
import type { Logger } from "../logger.ts";
import type { TeamStore } from "../store/team-store.ts";
import type { UserDirectory } from "./user-directory.ts";

/** What the Slack listeners need; built once in app.ts. */
export interface SlackDeps {
  teams: TeamStore;
  users: UserDirectory;
  log: Logger;
  defaultLocale: Locale;
}
