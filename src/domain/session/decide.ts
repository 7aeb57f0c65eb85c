import type { SessionCommand } from "./commands.ts";
import {
  decideCancel,
  decideDefer,
  decideMarkAbsent,
  decidePause,
  decideRecuse,
  decideResume,
  decideSkip,
} from "./decide-chair.ts";
import { decideRemind, decideRemindVoters, decideTimeOut, decideVoteDeadline } from "./decide-clock.ts";
import { decideStart } from "./decide-start.ts";
import { decideCastSecret, decideCloseVote, decideVote } from "./decide-vote.ts";
import { decideDelete, decideEdit, decideFinish, decidePass, decideReply } from "./decide-turn.ts";
import { refuse, type Decision } from "./decision.ts";
import { isClosed, type SessionState } from "./state.ts";
import { isInstant } from "./time.ts";

/** May this command happen now, and if so, what happened? Pure: the same input, the same answer. */
export function decide(state: SessionState, command: SessionCommand): Decision {
  if (!isInstant(command.at)) return refuse("invalidTime", { at: String(command.at) });
  if (isClosed(state)) return refuse("sessionClosed", { phase: state.phase });
  if (command.type === "start") return decideStart(state, command);
  if (state.phase === "new") return refuse("notStarted", {});

  switch (command.type) {
    case "reply":
      return decideReply(state, command);
    case "finish":
      return decideFinish(state, command);
    case "pass":
      return decidePass(state, command);
    case "edit":
      return decideEdit(state, command);
    case "delete":
      return decideDelete(state, command);
    case "mark_absent":
      return decideMarkAbsent(state, command);
    case "skip":
      return decideSkip(state, command);
    case "pause":
      return decidePause(state, command);
    case "resume":
      return decideResume(state, command);
    case "defer":
      return decideDefer(state, command);
    case "cancel":
      return decideCancel(state, command);
    case "recuse":
      return decideRecuse(state, command);
    case "remind":
      return decideRemind(state, command);
    case "time_out":
      return decideTimeOut(state, command);
    case "remind_voters":
      return decideRemindVoters(state, command);
    case "vote_deadline":
      return decideVoteDeadline(state, command);
    case "vote":
      return decideVote(state, command);
    case "cast_secret":
      return decideCastSecret(state, command);
    case "close_vote":
      return decideCloseVote(state, command);
  }
}
