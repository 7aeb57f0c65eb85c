/**
 * The tests' Slack: the product's local Slack (src/playground/local-slack.ts), with every Web API
 * call and answer checked against Slack's published OpenAPI description. Problems land in
 * `fake.violations` / `fake.warnings`, so a test can end with `fake.assertNoViolations()`.
 */
import {
  type CallInspector,
  LocalSlack,
  type LocalSlackOptions,
  type LocalUser,
} from "../../src/playground/local-slack.ts";
import { checkRequest, checkResponse, isKnownMethod } from "./slack-openapi.ts";

export type {
  RecordedCall,
  RecordedResponse,
  SlackAnswer,
  StoredMessage,
} from "../../src/playground/local-slack.ts";
export type FakeSlack = LocalSlack;
export type FakeUser = LocalUser;

/** Slack's description, as the judge of every call the bot makes and every answer it gets. */
export const specInspector: CallInspector = {
  request: checkRequest,
  response: checkResponse,
  knownMethod: isKnownMethod,
};

export function startFakeSlack(options: Omit<LocalSlackOptions, "inspector"> = {}): Promise<FakeSlack> {
  return LocalSlack.start({ ...options, inspector: specInspector });
}
