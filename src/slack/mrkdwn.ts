/**
 * What a person typed, made safe to place in Slack's mrkdwn (and in a message's `text`, which
 * Slack formats the same way). Slack reads `&`, `<` and `>` as markup: `<!channel>` and `<!here>`
 * notify everyone, `<https://…|label>` shows a link under any label. Escaping those three, as
 * Slack documents, leaves the words as typed and takes away the markup. Only what a person typed
 * goes through here; the bot's own mentions (`<@U…>`) and links are built after.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
