/**
 * The tests' deliveries to the bot: the product's signed requests (src/playground/signed-requests.ts),
 * with every event envelope checked against Slack's schema before it is sent.
 */
import {
  SlackDriver as LocalDriver,
  type SlackDriverOptions as LocalDriverOptions,
} from "../../src/playground/signed-requests.ts";
import type { FakeSlack } from "./fake-slack.ts";
import { checkEventEnvelope } from "./slack-openapi.ts";

export {
  signRequest,
  type DriverResponse,
  type EventEnvelope,
  type InteractionResponse,
  type SlackEvent,
} from "../../src/playground/signed-requests.ts";

export type SlackDriverOptions = Omit<LocalDriverOptions, "slack" | "checkEnvelope"> & { fake: FakeSlack };

export class SlackDriver extends LocalDriver {
  constructor({ fake, ...options }: SlackDriverOptions) {
    super({ ...options, slack: fake, checkEnvelope: checkEventEnvelope });
  }
}
