import type { SessionCommand } from "../../src/domain/session/commands.ts";
import { decide, fold } from "../../src/domain/session/index.ts";
import { initialState } from "../../src/domain/session/state.ts";
import type { SessionStore } from "../../src/store/session-store.ts";
import type { TeamRef } from "../../src/store/team-store.ts";

/**
 * Records a session straight into the store, the way the bot does (each command decided on the
 * session as the store knows it, then appended if nothing moved it), without going through Slack: for tests
 * that need sessions to read, list, export or tamper with. Returns its id, number and entry count.
 */
export async function holdSession(
  sessions: SessionStore,
  team: TeamRef,
  [start, ...rest]: SessionCommand[],
): Promise<{ id: string; number: number; entries: number }> {
  const first = decide(initialState, start!);
  if (!first.ok) throw new Error(first.error.code);
  const created = await sessions.create(team, first.events, fold(first.events));
  let entries = created.entries.length;
  for (const command of rest) {
    const live = (await sessions.current(team.workspaceId, created.row.id))!;
    const decision = decide(live.state, command);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.error.code}`);
    const appended = await sessions.appendAt(live, {
      events: decision.events,
      state: fold(decision.events, live.state),
    });
    if (!appended) throw new Error(`${command.type}: the session moved under the test`);
    entries += appended.entries.length;
  }
  return { id: created.row.id, number: created.row.number, entries };
}
