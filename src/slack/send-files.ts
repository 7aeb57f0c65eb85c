import type { WebClient } from "@slack/web-api";

export interface FileToSend {
  filename: string;
  title: string;
  content: string;
}

export type SendFilesOutcome = { ok: true } | { ok: false; error: string };

/**
 * Sends files to one person, in their direct messages with the bot, through Slack's current upload
 * (files.getUploadURLExternal, the bytes to the URL it gives, files.completeUploadExternal: what
 * WebClient's filesUploadV2 does). Says why not when Slack refused: an installation without
 * `files:write` answers `missing_scope`, a workspace that disabled uploads `file_uploads_disabled`.
 */
export async function sendFilesPrivately(
  client: WebClient,
  userId: string,
  files: readonly FileToSend[],
  comment: string,
): Promise<SendFilesOutcome> {
  try {
    const dm = await client.conversations.open({ users: userId });
    const channelId = dm.channel?.id;
    if (!channelId) return { ok: false, error: "no_dm_channel" };
    await client.filesUploadV2({
      channel_id: channelId,
      initial_comment: comment,
      file_uploads: files.map((f) => ({ content: f.content, filename: f.filename, title: f.title })),
    });
    return { ok: true };
  } catch (err) {
    const code = (err as { data?: { error?: unknown } }).data?.error;
    return { ok: false, error: typeof code === "string" ? code : String(err) };
  }
}
