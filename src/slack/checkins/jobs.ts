import { z } from "zod";
import {
  checkinStatus,
  escalationMessage,
  escalationRecipients,
  parseQuarter,
  readCheckinSettings,
  reminderText,
  deadlineAt,
  type CheckinAnswer,
} from "../../domain/checkin/index.ts";
import { pickLocale } from "../../i18n/locales.ts";
import { translator } from "../../i18n/translate.ts";
import { JobInterrupted, type JobHandler } from "../../jobs/scheduler.ts";
import type { CheckinRow } from "../../store/checkin-store.ts";
import type { JobRow } from "../../store/job-store.ts";
import { CHECKIN_JOB_KINDS, planCurrentQuarters } from "../../usecases/checkins.ts";
import { deliverOnce, type Dm } from "../delivery.ts";
import type { SlackDeps } from "../deps.ts";
import type { WorkspaceClients } from "../workspace-clients.ts";
import { checkinBlocks, checkinValue } from "./blocks.ts";
import { leaderCheckin, messageFor } from "./view.ts";

const payload = z.object({ channelId: z.string(), quarter: z.string(), userId: z.string().nullable() });

/** Slack's answers for a DM that no retry will get through. */
const UNREACHABLE = new Set([
  "user_not_found",
  "account_inactive",
  "user_disabled",
  "cannot_dm_bot",
  "not_in_channel",
  "channel_not_found",
  "is_archived",
]);

/**
 * The check-in units. Each is claimed by one replica (see Scheduler) and paced by the shared send
 * budget; each also checks the record first, so a unit run again after a crash does nothing
 * twice: a check-in already sent is not sent again, an answered one gets no reminder, and an
 * escalation lists only who is overdue. Every DM goes through deliverOnce (a crash between
 * Slack's accept and our record does not send it twice), to the user ID with chat.postMessage
 * (no conversations.open), in the language of the leader's stored Slack profile.
 */
export function checkinJobHandlers(deps: SlackDeps, clients: WorkspaceClients): Record<string, JobHandler> {
  /** Posts once; null when Slack says this person cannot get a DM (left, deactivated, a bot). */
  const dm = async (workspaceId: string, key: string, recipient: string, message: Dm["message"]) => {
    try {
      return await deliverOnce(deps, await clients.for(workspaceId), {
        workspaceId,
        key: `${key}:${recipient}`,
        recipient,
        message,
      });
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (!code || !UNREACHABLE.has(code)) throw err;
      // Trying again would fail the same way every time, for ever: the unit is over.
      deps.log.warn("a check-in DM cannot reach its recipient", { key, recipient, error: code });
      return null;
    }
  };
  const translatorsFor = async (workspaceId: string, userIds: string[], teamLocale: string | null) => {
    const profiles = await deps.directory.profiles(workspaceId, userIds);
    return (userId: string) =>
      translator(pickLocale({ reader: profiles.get(userId)?.locale }, teamLocale, deps.defaultLocale));
  };

  return {
    // Reads the workspace's users if a day has passed, then plans: a long job, outside the tick.
    [CHECKIN_JOB_KINDS.plan]: async (job, { keepAlive }) => {
      if (!(await deps.directory.refreshIfStale(job.workspaceId, keepAlive))) throw new JobInterrupted();
      await planCurrentQuarters(deps, job.workspaceId);
    },

    [CHECKIN_JOB_KINDS.send]: async (job) => {
      const p = payload.parse(job.payload);
      const team = await deps.teams.load({ workspaceId: job.workspaceId, channelId: p.channelId });
      const checkin = p.userId ? leaderCheckin(team, p.quarter, p.userId, deps.defaultTimezone) : undefined;
      if (!checkin || checkin.settings.excluded.includes(checkin.member.userId)) return; // left the team, or excluded since
      const ref = {
        workspaceId: job.workspaceId,
        channelId: p.channelId,
        userId: checkin.member.userId,
        quarter: p.quarter,
      };
      if (await deps.checkins.find(ref)) return; // sent already
      const tr = (await translatorsFor(job.workspaceId, [ref.userId], team.settings.locale))(ref.userId);
      const sent = await dm(
        job.workspaceId,
        job.key,
        ref.userId,
        checkinBlocks(messageFor(checkin, tr), checkinValue(p.channelId, p.quarter), tr),
      );
      if (sent)
        await deps.checkins.recordSent(ref, {
          dmChannel: sent.channel,
          messageTs: sent.ts,
          at: deps.clock(),
        });
    },

    [CHECKIN_JOB_KINDS.remind]: async (job) => remindIfOpen(job, "remind"),
    [CHECKIN_JOB_KINDS.snooze]: async (job) => remindIfOpen(job, "snooze"),

    [CHECKIN_JOB_KINDS.escalate]: async (job) => {
      const p = payload.parse(job.payload);
      const ref = { workspaceId: job.workspaceId, channelId: p.channelId };
      const team = await deps.teams.load(ref);
      const quarter = parseQuarter(p.quarter);
      if (!quarter || !team.exists) return;
      const settings = readCheckinSettings(team.settings.checkins);
      const deadline = deadlineAt(quarter, settings, team.settings.timezone ?? deps.defaultTimezone);
      const rows = new Map((await deps.checkins.forTeamQuarter(ref, p.quarter)).map((r) => [r.userId, r]));
      const overdue = team.members.filter(
        (m) =>
          !settings.excluded.includes(m.userId) &&
          checkinStatus({ answer: answerOf(rows.get(m.userId)), deadline }, deps.clock()) === "overdue",
      );
      if (overdue.length === 0) return;
      const recipients = escalationRecipients(team.members);
      const trOf = await translatorsFor(job.workspaceId, recipients, team.settings.locale);
      for (const recipient of recipients) {
        const message = escalationMessage({
          quarter,
          settings,
          channel: p.channelId,
          overdue,
          tr: trOf(recipient),
        });
        await dm(job.workspaceId, job.key, recipient, {
          text: [message.title, message.body, ...message.lines, message.why].join("\n"),
        });
      }
    },
  };

  async function remindIfOpen(job: JobRow, why: "remind" | "snooze"): Promise<void> {
    const p = payload.parse(job.payload);
    if (!p.userId) return;
    const ref = {
      workspaceId: job.workspaceId,
      channelId: p.channelId,
      userId: p.userId,
      quarter: p.quarter,
    };
    const row = await deps.checkins.find(ref);
    if (!row || row.status === "done" || row.status === "cannot") return;
    // A snooze job is stale if the leader snoozed again, for longer, since it was planned.
    if (why === "snooze" && row.snoozedUntil && row.snoozedUntil > deps.clock()) return;
    const team = await deps.teams.load(ref);
    const checkin = leaderCheckin(team, p.quarter, p.userId, deps.defaultTimezone);
    if (!checkin) return;
    const tr = (await translatorsFor(job.workspaceId, [p.userId], team.settings.locale))(p.userId);
    const lead = reminderText({ quarter: checkin.quarter, settings: checkin.settings, tr });
    await dm(
      job.workspaceId,
      job.key,
      p.userId,
      checkinBlocks(messageFor(checkin, tr), checkinValue(p.channelId, p.quarter), tr, lead),
    );
  }
}

/** The stored record as the status rules read it. */
export function answerOf(row: CheckinRow | undefined): CheckinAnswer {
  if (!row) return null;
  if (row.status === "done") return { kind: "done", at: row.answeredAt ?? row.sentAt };
  if (row.status === "cannot")
    return {
      kind: "cannot",
      reason: String((row.answer as { reason?: string } | null)?.reason ?? ""),
      at: row.answeredAt ?? row.sentAt,
    };
  if (row.status === "snoozed" && row.snoozedUntil) return { kind: "snoozed", until: row.snoozedUntil };
  return null;
}
