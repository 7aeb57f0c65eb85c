import { isPrincipal, type Member } from "../roster/member.ts";
import type { Turn, UserId } from "./types.ts";

export interface SpeakingOrderInput {
  roster: readonly Member[];
  proposerId: UserId;
  absent: readonly UserId[];
  recused: readonly UserId[];
}

/**
 * 末位发言制 (last-speaker rule): the proposer presents, then the present members speak from the
 * lowest rank upward, and the principal concludes last so that nobody takes their cue from the
 * principal. A principal who proposes presents first and still concludes last. An absent or
 * recused principal leaves the round without a conclusion.
 */
export function speakingOrder({ roster, proposerId, absent, recused }: SpeakingOrderInput): Turn[] {
  const away = new Set([...absent, ...recused]);
  const speaking = roster.filter((m) => !away.has(m.userId));
  const principal = speaking.find(isPrincipal);
  const members = speaking
    .filter((m) => m.userId !== proposerId && !isPrincipal(m))
    // Ranks are unique in a team; the user id only keeps the order stable if they ever are not.
    .sort((a, b) => b.rank - a.rank || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));

  return [
    { userId: proposerId, kind: "proposal" },
    ...members.map((m): Turn => ({ userId: m.userId, kind: "statement" })),
    ...(principal ? [{ userId: principal.userId, kind: "conclusion" } satisfies Turn] : []),
  ];
}

export function principalOf(roster: readonly Member[]): Member | undefined {
  return roster.find(isPrincipal);
}
