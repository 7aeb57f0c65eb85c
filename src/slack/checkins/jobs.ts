import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { checkinStatus, escalationMessage, escalationRecipients, parseQuarter, readCheckinSettings, reminderText, deadlineAt, type CheckinAnswer } from "../../domain/checkin/index.ts";
import type { JobHandler } from "../../jobs/scheduler.ts";
import type { CheckinRow, CheckinStore } from "../../store/checkin-store.ts";
import { CHECKIN_JOB_KINDS } from "../../usecases/checkins.ts";
import type { SlackDeps } from "../deps.ts";
import { translatorFor } from "../locale.ts";
import { checkinBlocks, checkinValue } from "./blocks.ts";
import { leaderCheckin, messageFor } from "./view.ts";

const payload = z.object({ channelId: z.string(), quarter: z.string(), userId: z.string().nullable() });

export interface CheckinJobDeps extends SlackDeps {
  checkins: CheckinStore;
}

/**
 * The check-in units. Each is claimed by one replica (see Scheduler); each also checks the
 * record first, so a unit run again after a crash does nothing twice: a check-in already sent is
 * not sent again, an answered one gets no reminder, and an escalation lists only who is overdue.
 * DMs go to the user ID with chat.postMessage (no conversations.open), and the Web API client
 * waits out Slack's Retry-After on a 429 and tries again, so a rate limit delays but never drops
 * or repeats a message.
 */
export function checkinJobHandlers(deps: CheckinJobDeps, client: WebClient): Record<string, JobHandler> {
  return {
    [CHECKIN_JOB_KINDS.send]: async (job) => {
      const p = payload.parse(job.payload);
      const team = await deps.teams.load({ workspaceId: job.workspaceId, channelId: p.channelId });
      const checkin = p.userId ? leaderCheckin(team, p.quarter, p.userId, deps.defaultTimezone) : undefined;
      if (!checkin || checkin.settings.excluded.includes(checkin.member.userId)) return; // left the team, or excluded since
      const ref = { workspaceId: job.workspaceId, channelId: p.channelId, userId: checkin.member.userId, quarter: p.quarter };
      if (await deps.checkins.find(ref)) return; // sent already
      const tr = await translatorFor(deps, checkin.member.userId, team.settings.locale);
      const sent = await client.chat.postMessage({ channel: checkin.member.userId, ...checkinBlocks(messageFor(checkin, tr), checkinValue(p.channelId, p.quarter), tr) });
      await deps.checkins.recordSent(ref, { dmChannel: sent.channel ?? null, messageTs: sent.ts ?? null, at: deps.clock() });
    },

    [CHECKIN_JOB_KINDS.remind]: async (job) => remindIfOpen(deps, client, job.workspaceId, payload.parse(job.payload), "remind"),
    [CHECKIN_JOB_KINDS.snooze]: async (job) => remindIfOpen(deps, client, job.workspaceId, payload.parse(job.payload), "snooze"),

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
        (m) => !settings.excluded.includes(m.userId) && checkinStatus({ answer: answerOf(rows.get(m.userId)), deadline }, deps.clock()) === "overdue",
      );
      if (overdue.length === 0) return;
      for (const recipient of escalationRecipients(team.members)) {
        const tr = await translatorFor(deps, recipient, team.settings.locale);
        const message = escalationMessage({ quarter, settings, channel: p.channelId, overdue, tr });
        await client.chat.postMessage({ channel: recipient, text: [message.title, message.body, ...message.lines, message.why].join("\n") });
      }
    },
  };
}

async function remindIfOpen(deps: CheckinJobDeps, client: WebClient, workspaceId: string, p: z.infer<typeof payload>, why: "remind" | "snooze"): Promise<void> {
  if (!p.userId) return;
  const ref = { workspaceId, channelId: p.channelId, userId: p.userId, quarter: p.quarter };
  const row = await deps.checkins.find(ref);
  if (!row || row.status === "done" || row.status === "cannot") return;
  // A snooze job is stale if the leader snoozed again, for longer, since it was planned.
  if (why === "snooze" && row.snoozedUntil && row.snoozedUntil > deps.clock()) return;
  const team = await deps.teams.load(ref);
  const checkin = leaderCheckin(team, p.quarter, p.userId, deps.defaultTimezone);
  if (!checkin) return;
  const tr = await translatorFor(deps, p.userId, team.settings.locale);
  const lead = reminderText({ quarter: checkin.quarter, settings: checkin.settings, tr });
  await client.chat.postMessage({ channel: p.userId, ...checkinBlocks(messageFor(checkin, tr), checkinValue(p.channelId, p.quarter), tr, lead) });
}

/** The stored record as the status rules read it. */
export function answerOf(row: CheckinRow | undefined): CheckinAnswer {
  if (!row) return null;
  if (row.status === "done") return { kind: "done", at: row.answeredAt ?? row.sentAt };
  if (row.status === "cannot") return { kind: "cannot", reason: String((row.answer as { reason?: string } | null)?.reason ?? ""), at: row.answeredAt ?? row.sentAt };
  if (row.status === "snoozed" && row.snoozedUntil) return { kind: "snoozed", until: row.snoozedUntil };
  return null;
}
