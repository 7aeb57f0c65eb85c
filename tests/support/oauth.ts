import { expect } from "vitest";
import { BOT_SCOPES } from "../../src/slack/install/installer.ts";
import type { FakeSlack } from "../harness/fake-slack.ts";
import type { SlackDriver } from "../harness/signed-requests.ts";
import { CHANNEL } from "./bot.ts";
import type { FakeWorkspaces, Org } from "../harness/fake-workspaces.ts";

export const OAUTH_APP = {
  clientId: "1111111111.2222222222",
  clientSecret: "oauth-client-secret",
  appId: "A0LASTWORD",
};
/** The settings that switch the bot to installing through OAuth (and off SLACK_BOT_TOKEN). */
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: "",
  SLACK_CLIENT_ID: OAUTH_APP.clientId,
  SLACK_CLIENT_SECRET: OAUTH_APP.clientSecret,
  SLACK_STATE_SECRET: "state-secret-0123456789abcdef",
  // The same key on every replica, as production needs it (base64 of 32 bytes).
  LASTWORD_TOKEN_KEY: Buffer.alloc(32, 7).toString("base64"),
};

/**
 * Installs the bot in `fake`'s workspace the way a person does: opens /slack/install (which sets
 * the state cookie and links to Slack), approves on Slack (the fake grants a code), and follows
 * Slack's redirect back to the bot with the code, the state and the cookie.
 */
export async function installThroughOAuth(
  botUrl: string,
  workspaces: FakeWorkspaces,
  fake: FakeSlack,
  installerId: string,
  orgWide?: Org,
): Promise<Response> {
  const page = await fetch(`${botUrl}/slack/install`);
  expect(page.status).toBe(200);
  const cookie = page.headers.get("set-cookie") ?? "";
  const state = /slack-app-oauth-state=([^;]+)/.exec(cookie)?.[1];
  if (!state) throw new Error(`no state cookie from /slack/install: ${cookie}`);
  // The page links to Slack's authorize URL with the same state and the scopes asked for.
  const html = await page.text();
  expect(html).toContain(`state=${state}`);
  const code = workspaces.grant(fake, installerId, BOT_SCOPES, orgWide);
  return fetch(`${botUrl}/slack/oauth_redirect?code=${code}&state=${state}`, {
    headers: { cookie: `slack-app-oauth-state=${state}` },
  });
}

/** A slash command sent to the bot for one workspace; its private answer's text. */
export async function commandAnswer(
  driver: SlackDriver,
  fake: FakeSlack,
  user: string,
  name: "/lastword" | "/decide",
  text: string,
  channelId = CHANNEL,
): Promise<string> {
  const sent = await driver.command({ command: name, text, userId: user, channelId });
  expect(sent.status).toBe(200);
  const answer = await fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  return (answer.body as { text: string }).text;
}
