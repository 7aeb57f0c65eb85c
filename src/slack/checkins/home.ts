import type { App } from "@slack/bolt";
import {
  quarterOf,
  quarterLabel,
  parseQuarter,
  statusLabel,
  checkinStatus,
} from "../../domain/checkin/index.ts";
import type { SlackDeps } from "../deps.ts";
import { answerOf } from "./jobs.ts";
import { translatorFor } from "../locale.ts";
import { complianceText, recentQuarters } from "./report.ts";
import { leaderCheckin } from "./view.ts";

/**
 * App Home: each user's open check-ins and the sessions waiting for them to speak; for a team's
 * principal and discipline officer also the team's check-in compliance, this quarter and past ones.
 */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const workspaceId = (body as { team_id: string }).team_id;
    const userId = event.user;
    const tr = await translatorFor(deps, workspaceId, userId, null);
    const blocks: Array<{ type: "section"; text: { type: "mrkdwn"; text: string } } | { type: "divider" }> =
      [];
    const section = (text: string) =>
      blocks.push({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } });

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

    const waiting = await deps.sessions.waitingFor(workspaceId, userId);
    section(
      [
        tr("home.turns"),
        ...(waiting.length
          ? waiting.map((s) =>
              tr("home.turnLine", { channel: s.channelId, number: s.number, matter: s.matter }),
            )
          : [tr("home.noTurns")]),
      ].join("\n"),
    );

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
