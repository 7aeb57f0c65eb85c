import { fold, whoHasNotVoted } from "../domain/session/index.ts";
import type { DecidedListing, SessionListing, SessionStore } from "../store/session-store.ts";
import type { TeamStore } from "../store/team-store.ts";

/** What App Home shows a person about sessions: what waits for them, and what their teams decided. */
export interface WaitingWork {
  /** On no team yet: App Home explains what Lastword does and how to set a team up. */
  onATeam: boolean;
  /** Sessions in which it is their turn to speak. */
  turns: SessionListing[];
  /** Sessions they chair whose header Slack refused: waiting until it can be posted. */
  unposted: SessionListing[];
  /** Votes open now in which they are eligible and have not voted, with when each closes. */
  votes: VoteListing[];
  /** Their teams' newest decisions, newest first. */
  decisions: DecidedListing[];
}

/** A vote waiting for someone; `deadline` null: open until everyone has voted. */
export interface VoteListing extends SessionListing {
  deadline: string | null;
}

const DECISIONS_SHOWN = 5;

export async function waitingWorkFor(
  stores: { sessions: SessionStore; teams: TeamStore },
  workspaceId: string,
  userId: string,
): Promise<WaitingWork> {
  const [teams, turns, unposted, voting, decisions] = await Promise.all([
    stores.teams.teamsOf(workspaceId, userId),
    stores.sessions.waitingFor(workspaceId, userId),
    stores.sessions.waitingToBePosted(workspaceId, userId),
    stores.sessions.votingInTeamsOf(workspaceId, userId),
    stores.sessions.decidedInTeamsOf(workspaceId, userId, DECISIONS_SHOWN),
  ]);
  const votes: VoteListing[] = [];
  for (const row of voting) {
    // Who may still vote is the domain's rule (recusals, the roster at the start): fold and ask it.
    const loaded = await stores.sessions.load(workspaceId, row.id);
    if (!loaded) continue;
    const state = fold(loaded.events);
    if (state.facts && whoHasNotVoted(state).includes(userId))
      votes.push({
        channelId: row.channelId,
        number: row.number,
        threadTs: row.threadTs,
        matter: state.facts.matter,
        deadline: state.vote?.deadline ?? null,
      });
  }
  return { onATeam: teams.length > 0, turns, unposted, votes, decisions };
}
