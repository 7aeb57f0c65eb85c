import type { SessionEvent } from "../domain/session/events.ts";
import type { Locale } from "../i18n/locales.ts";
import type { Logger } from "../logger.ts";
import type { CheckinStore } from "../store/checkin-store.ts";
import type { InboxStore } from "../store/inbox-store.ts";
import type { JobStore } from "../store/job-store.ts";
import type { SessionStore } from "../store/session-store.ts";
import type { TeamStore } from "../store/team-store.ts";
import type { UserDirectory } from "./user-directory.ts";

/** What the Slack listeners need; built once in lastword.ts. */
export interface SlackDeps {
  teams: TeamStore;
  sessions: SessionStore;
  jobs: JobStore;
  inbox: InboxStore;
  checkins: CheckinStore;
  /** A leader's timezone from their Slack profile (users.info), or null. */
  timezoneOf: (userId: string) => Promise<string | null>;
  users: UserDirectory;
  log: Logger;
  defaultLocale: Locale;
  defaultTimezone: string;
  /** The time now; tests move it. */
  clock: () => Date;
  /** A session's ledger grew: show the new entries in Slack now (the announcer). */
  onAppended: (workspaceId: string, sessionId: string) => void;
  /** Events that show nothing in Slack skip the outbox. */
  isQuiet: (events: SessionEvent[]) => boolean;
}
