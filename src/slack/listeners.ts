import type { App } from "@slack/bolt";
import { registerLastwordCommand } from "./commands/lastword/index.ts";
import type { SlackDeps } from "./deps.ts";

/** Every Slack interaction Lastword answers, grouped by what Slack sends. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerLastwordCommand(app, deps);
}
