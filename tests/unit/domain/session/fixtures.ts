import type { Member } from "../../../../src/domain/roster/member.ts";
import type { KeyPower } from "../../../../src/domain/roster/powers.ts";
import type { SessionCommand, StartCommand } from "../../../../src/domain/session/commands.ts";
import { decide } from "../../../../src/domain/session/decide.ts";
import type { Decision } from "../../../../src/domain/session/decision.ts";
import type { SessionEvent } from "../../../../src/domain/session/events.ts";
import { evolve } from "../../../../src/domain/session/evolve.ts";
import { initialState, type SessionState } from "../../../../src/domain/session/state.ts";

const BASE = Date.parse("2025-03-01T09:00:00.000Z");

/** An instant `seconds` after the start of the test meeting. */
export function at(seconds: number): string {
  return new Date(BASE + seconds * 1000).toISOString();
}

export function member(rank: number, powers: KeyPower[] = []): Member {
  return { userId: `U${rank}`, rank, title: null, powers, roles: [] };
}

/** Ranks 1..size; U1 is the principal. */
export function roster(size: number): Member[] {
  return Array.from({ length: size }, (_, i) => member(i + 1));
}

export function startCommand(overrides: Partial<StartCommand> = {}): StartCommand {
  return {
    type: "start",
    at: at(0),
    matter: "Renovate the east wing",
    category: "decision",
    proposerId: "U4",
    chairId: "U2",
    roster: roster(7),
    absent: [],
    recused: [],
    turnSeconds: 300,
    ...overrides,
  };
}

export interface Meeting {
  state: SessionState;
  events: SessionEvent[];
  /** Decides and applies a command; returns the decision so a test can look at it. */
  send(command: SessionCommand): Decision;
  /** Like send, but the command must be accepted; returns the events it produced. */
  ok(command: SessionCommand): SessionEvent[];
  /** The command must be refused; returns the error code and parameters. */
  refused(command: SessionCommand): { code: string; params: Record<string, string | number> };
}

export function meeting(start: StartCommand | null = startCommand()): Meeting {
  const m: Meeting = {
    state: initialState,
    events: [],
    send(command) {
      const decision = decide(m.state, command);
      if (decision.ok) {
        m.events.push(...decision.events);
        m.state = decision.events.reduce(evolve, m.state);
      }
      return decision;
    },
    ok(command) {
      const decision = m.send(command);
      if (!decision.ok) throw new Error(`${command.type} refused: ${JSON.stringify(decision.error)}`);
      return decision.events;
    },
    refused(command) {
      const decision = m.send(command);
      if (decision.ok) throw new Error(`${command.type} accepted: ${JSON.stringify(decision.events)}`);
      return decision.error;
    },
  };
  if (start) m.ok(start);
  return m;
}

let ts = 0;
/** A fresh Slack message timestamp. */
export function messageTs(): string {
  ts += 1;
  return `1740819600.${String(ts).padStart(6, "0")}`;
}

/** The current speaker says something and finishes. */
export function speakAndFinish(m: Meeting, seconds: number): SessionEvent[] {
  const userId = m.state.current?.userId;
  if (!userId) throw new Error("nobody is speaking");
  m.ok({ type: "reply", at: at(seconds), userId, messageTs: messageTs(), text: `${userId} speaks` });
  return m.ok({ type: "finish", at: at(seconds + 1), userId });
}

export function types(events: readonly SessionEvent[]): string[] {
  return events.map((e) => e.type);
}

/**
 * Everyone still to speak passes, one second apart from `seconds` on, until the vote opens; the
 * proposer, who may not pass, presents.
 */
export function passRound(m: Meeting, seconds = 1000): SessionEvent[] {
  const events: SessionEvent[] = [];
  let t = seconds;
  while (m.state.phase === "speaking" && m.state.current) {
    if (m.state.current.kind === "proposal") {
      events.push(...speakAndFinish(m, t));
      t += 2;
      continue;
    }
    events.push(...m.ok({ type: "pass", at: at(t), userId: m.state.current.userId }));
    t += 1;
  }
  if (m.state.phase !== "voting" && m.state.phase !== "closed")
    throw new Error(`round ended in ${m.state.phase}`);
  return events;
}

/** A meeting whose round is over and whose vote is open (everyone passed). */
export function votingMeeting(overrides: Partial<StartCommand> = {}): Meeting {
  const m = meeting(startCommand(overrides));
  passRound(m);
  return m;
}
