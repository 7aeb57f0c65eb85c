import type { App, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Translate } from "../../../i18n/translate.ts";
import type { SlackDeps } from "../../deps.ts";
import { channelTranslator, translatorFor, type Voices } from "../../locale.ts";
import { refuseTooLong } from "../too-long.ts";
import { checkSlashCommand } from "../payload.ts";
import { adminReply } from "./admin.ts";
import { helpReply } from "./help.ts";
import { parseLastword, type LastwordCommand } from "./parse.ts";
import { policyReply } from "./policy.ts";
import { MAX_FOLLOW_UPS, privately, type Reply } from "./reply.ts";
import { rosterReply } from "./roster.ts";
import { setupReply } from "./setup.ts";
import { teamReply } from "./team.ts";

/**
 * Another module's `/lastword <verb>` (ledger, checkins, ...): it answers, or returns undefined.
 * `tr` speaks to the caller; `voices.channel` is for what it posts in the channel; `client` is the
 * workspace's, for what it sends besides the answer (the export's files).
 */
export type LastwordVerb = (
  words: string[],
  actor: { workspaceId: string; channelId: string; userId: string },
  tr: Translate,
  voices: Voices,
  client: WebClient,
) => Promise<Reply | undefined>;

export function registerLastwordCommand(app: App, deps: SlackDeps, verbs: LastwordVerb[] = []): void {
  app.command("/lastword", async ({ ack, command, respond, client }) => {
    // Ack at once with nothing: Slack shows nothing and the answer follows via response_url.
    await ack();
    const payload = checkSlashCommand(command);
    if (!payload.ok) {
      if (payload.tooLong) await refuseTooLong(deps, payload.tooLong, respond);
      deps.log.warn("malformed /lastword payload", { tooLong: payload.tooLong !== undefined });
      return;
    }
    const {
      team_id: workspaceId,
      channel_id: channelId,
      user_id: userId,
      text,
      trigger_id: triggerId,
    } = payload.data;
    const actor = { workspaceId, channelId, userId };
    const team = await deps.teams.load(actor);
    const voices: Voices = {
      reader: await translatorFor(deps, workspaceId, userId, team.settings.locale),
      channel: channelTranslator(deps, team.settings.locale),
    };
    const tr = voices.reader;
    try {
      const reply = await answer(text, { ...actor, triggerId }, deps, voices, verbs, client);
      if (reply) await send(respond, reply);
    } catch (err) {
      deps.log.error("/lastword failed", { err, workspaceId, channelId, userId });
      await send(respond, privately(tr("error.internal"))).catch(() => undefined);
    }
  });
}

/** The answer to `/lastword <text>`; undefined when a form opened instead. */
async function answer(
  text: string,
  { triggerId, ...actor }: { workspaceId: string; channelId: string; userId: string; triggerId?: string },
  deps: SlackDeps,
  voices: Voices,
  verbs: LastwordVerb[],
  client: WebClient,
): Promise<Reply | undefined> {
  const tr = voices.reader;
  const parsed = parseLastword(text);
  if (!parsed.ok) return privately(tr(parsed.error.key, parsed.error.params));
  const cmd = parsed.value;
  const invalidUser = await checkMentionedUser(actor.workspaceId, cmd, deps, tr);
  if (invalidUser) return invalidUser;
  switch (cmd.kind) {
    case "help":
      return helpReply(tr);
    case "setup":
      return setupReply(cmd, actor, triggerId, deps, voices, client);
    case "roster.show":
    case "roster.add":
    case "roster.set":
    case "roster.remove":
    case "roster.role":
      return rosterReply(cmd, actor, deps, voices);
    case "policy.show":
    case "policy.set":
    case "policy.maxPowers":
    case "policy.principalProposes":
    case "policy.turnMinutes":
    case "policy.threshold":
    case "policy.quorum":
    case "policy.start":
    case "policy.namedVotes":
      return policyReply(cmd, actor, deps, voices);
    case "admin.list":
    case "admin.add":
    case "admin.remove":
      return adminReply(cmd, actor, deps, voices);
    case "team.show":
    case "team.language":
    case "team.timezone":
    case "team.name":
    case "team.calendar":
    case "team.dayoff":
    case "team.voteDeadline":
      return teamReply(cmd, actor, deps, voices);
    case "other":
      for (const verb of verbs) {
        const reply = await verb(cmd.words, actor, tr, voices, client);
        if (reply) return reply;
      }
      return privately(tr("error.unknownSubcommand", { word: cmd.words[0] ?? "" }));
  }
}

/** A member or admin must be a real person in this workspace; removing someone need not be checked. */
async function checkMentionedUser(
  workspaceId: string,
  cmd: LastwordCommand,
  deps: SlackDeps,
  tr: Translate,
): Promise<Reply | undefined> {
  if (!("userId" in cmd) || cmd.kind === "roster.remove" || cmd.kind === "admin.remove") return undefined;
  const user = await deps.users.find(workspaceId, cmd.userId);
  if (!user || user.deleted) return privately(tr("error.userNotFound", { user: cmd.userId }));
  if (user.isBot) return privately(tr("error.userIsBot", { user: cmd.userId }));
  return undefined;
}

async function send(respond: RespondFn, reply: Reply): Promise<void> {
  // One after the other: the follow-ups must arrive in order.
  for (const message of [reply, ...(reply.followUps ?? []).slice(0, MAX_FOLLOW_UPS)]) {
    await respond({
      response_type: message.inChannel ? "in_channel" : "ephemeral",
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
  }
}
