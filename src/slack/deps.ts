import type { SessionEvent } from "../domain/session/events.ts";
import type { Locale } from "../i18n/locales.ts";
import type { Logger } from "../logger.ts";
import type { CheckinStore } from "../store/checkin-store.ts";
import type { InboxStore } from "../store/inbox-store.ts";
import type { InstallationStore } from "../store/installation-store.ts";
import type { JobStore } from "../store/job-store.ts";
import type { SessionStore } from "../store/session-store.ts";
import type { TeamStore } from "../store/team-store.ts";
import type { DeliveryStore } from "../store/delivery-store.ts";
import type { PrivateNotices } from "./private-notice.ts";
import type { UserDirectory } from "./user-directory.ts";
import type { WorkspaceDirectory } from "./workspace-directory.ts";

/** What the Slack listeners need; built once in lastword.ts. */
export interface SlackDeps {
  teams: TeamStore;
  sessions: SessionStore;
  jobs: JobStore;
  inbox: InboxStore;
  /** A private word to someone outside a request (the inbox's sweep, a header Slack refused). */
  notices: PrivateNotices;
  checkins: CheckinStore;
  deliveries: DeliveryStore;
  /** OAuth installations; undefined with one workspace's SLACK_BOT_TOKEN. */
  installations?: InstallationStore;
  /** Leaders' timezones from their stored Slack profiles (see WorkspaceDirectory). */
  timezonesOf: (workspaceId: string, userIds: string[]) => Promise<Map<string, string | null>>;
  /** Who a user is, for answering them now (users.info, cached for minutes). */
  users: UserDirectory;
  /** The workspace's users as stored for scheduled work (users.list, daily). */
  directory: WorkspaceDirectory;
  log: Logger;
  defaultLocale: Locale;
  defaultTimezone: string;
  /** The docs App Home links to for a first-time user; none when the install has not set one. */
  docsUrl?: string | undefined;
  /** The time now; tests move it. */
  clock: () => Date;
  /** Wraps each session's key for its secret ballots; never in the database (see seal/). */
  ballotKey: Buffer;
  /** A session's ledger grew: show the new entries in Slack now (the announcer). */
  onAppended: (workspaceId: string, sessionId: string) => void;
  /** Events that show nothing in Slack skip the outbox. */
  isQuiet: (events: SessionEvent[]) => boolean;
  /** Every event recorded in a ledger (the metrics count them). */
  onRecorded?: (events: SessionEvent[]) => void;
  /** A scheduled DM was accepted by Slack (the metrics count them). */
  onDmSent?: () => void;
}
