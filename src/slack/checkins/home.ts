import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { types } from "@slack/bolt";
import {
  quarterOf,
  quarterLabel,
  parseQuarter,
  statusLabel,
  checkinStatus,
} from "../../domain/checkin/index.ts";
import type { SessionListing } from "../../store/session-store.ts";
import { waitingWorkFor, type WaitingWork } from "../../usecases/home.ts";
import type { SlackDeps } from "../deps.ts";
import { answerOf } from "./jobs.ts";
import { translatorFor } from "../locale.ts";
import { complianceText, recentQuarters } from "./report.ts";
import { leaderCheckin } from "./view.ts";
import { decisionBlocks, guidanceBlocks, type ThreadLink, waitingBlocks } from "../blocks/home-sections.ts";
import { messageLink, workspaceAddress } from "../permalinks.ts";

type KnownBlock = types.KnownBlock;

/**
 * App Home: for someone on no team, what Lastword does and how to set a team up; for everyone, the
 * turns, votes and check-ins waiting for them (with links to the threads) and their teams' recent
 * decisions; for a team's principal and discipline officer also the team's check-in compliance.
 */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const workspaceId = (body as { team_id: string }).team_id;
    const userId = event.user;
    const tr = await translatorFor(deps, workspaceId, userId, null);
    const blocks: KnownBlock[] = [];
    const section = (text: string) =>
      blocks.push({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } });

    const work = await waitingWorkFor(deps, workspaceId, userId);
    if (!work.onATeam) blocks.push(...guidanceBlocks(deps.docsUrl, tr), { type: "divider" });
    const link = await threadLinks(client, work);
    blocks.push(...waitingBlocks(work, link, tr, deps.defaultTimezone));

    const open = await deps.checkins.openFor(workspaceId, userId);
    const lines: string[] = [];
    for (const row of open) {
      const team = await deps.teams.load(row);
      const checkin = leaderCheckin(team, row.quarter, userId, deps.defaultTimezone);
      const quarter = parseQuarter(row.quarter);
      if (!checkin || !quarter) continue;
      const status = checkinStatus({ answer: answerOf(row), deadline: checkin.deadline }, deps.clock());
      lines.push(
        tr("home.checkinLine", {
          quarter: quarterLabel(quarter, tr),
          channel: row.channelId,
          status: statusLabel(status, tr),
        }),
      );
    }
    section([tr("home.checkins"), ...(lines.length ? lines : [tr("home.noCheckins")])].join("\n"));
    if (work.onATeam) blocks.push({ type: "divider" }, ...decisionBlocks(work, link, tr));

    for (const team of await deps.teams.overseenBy(workspaceId, userId)) {
      const snapshot = await deps.teams.load(team);
      const now = deps.clock();
      const quarters = recentQuarters(quarterOf(now, snapshot.settings.timezone ?? deps.defaultTimezone));
      blocks.push({ type: "divider" });
      section(
        `${tr("home.compliance", { channel: team.channelId })}\n${await complianceText(deps.checkins, team, snapshot, quarters, now, deps.defaultTimezone, tr)}`,
      );
    }
    await client.views.publish({ user_id: userId, view: { type: "home", blocks } });
  });
}

/**
 * Links to the listed sessions' threads: one chat.getPermalink gives the workspace's address for
 * all of them. Without it (Slack refused, nothing listed) App Home shows the lines without links.
 */
async function threadLinks(client: WebClient, work: WaitingWork): Promise<ThreadLink> {
  const first = [...work.turns, ...work.votes, ...work.decisions].find((s) => s.threadTs !== null);
  if (!first) return () => null;
  const answer = await client.chat
    .getPermalink({ channel: first.channelId, message_ts: first.threadTs! })
    .catch(() => undefined);
  const address = workspaceAddress(answer?.permalink);
  if (!address) return () => null;
  return (s: SessionListing) => (s.threadTs ? messageLink(address, s.channelId, s.threadTs) : null);
}
