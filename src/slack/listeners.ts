import type { App } from "@slack/bolt";
import { registerChairMenu } from "./actions/chair-menu.ts";
import { registerTurnButtons } from "./actions/turn-buttons.ts";
import { registerVoteButtons } from "./actions/vote-buttons.ts";
import { registerDecideCommand } from "./commands/decide/index.ts";
import { registerLastwordCommand } from "./commands/lastword/index.ts";
import { ledgerVerb } from "./commands/lastword/ledger.ts";
import { receiptVerb } from "./commands/lastword/receipt.ts";
import { statusVerb } from "./commands/lastword/status.ts";
import { checkinsVerb } from "./commands/lastword/checkins.ts";
import { registerCheckinAnswers } from "./checkins/actions.ts";
import { registerHome } from "./checkins/home.ts";
import type { SlackDeps } from "./deps.ts";
import { keepBeforeAck } from "./inbox/keep-before-ack.ts";
import { registerThreadMessages } from "./events/thread-messages.ts";
import { registerUninstall } from "./events/uninstall.ts";
import { tellWhenRequestsFail } from "./request-failed.ts";
import { registerDecideModal } from "./views/decide-modal.ts";
import { registerReasonModal } from "./views/reason-modal.ts";
import { registerSecretBallot } from "./views/secret-ballot.ts";
import { registerSetupForm } from "./views/setup-form.ts";

/** Every Slack interaction Lastword answers, grouped by what Slack sends. */
export function registerListeners(app: App, deps: SlackDeps): void {
  keepBeforeAck(app, deps);
  tellWhenRequestsFail(app, deps);
  registerLastwordCommand(app, deps, [
    ledgerVerb(deps),
    receiptVerb(deps),
    statusVerb(deps),
    checkinsVerb(deps),
  ]);
  registerDecideCommand(app, deps);
  registerDecideModal(app, deps);
  registerReasonModal(app, deps);
  registerSetupForm(app, deps);
  registerThreadMessages(app, deps);
  registerTurnButtons(app, deps);
  registerChairMenu(app, deps);
  registerVoteButtons(app, deps);
  registerSecretBallot(app, deps);
  registerCheckinAnswers(app, deps);
  registerHome(app, deps);
  registerUninstall(app, deps);
}
