import type { KeyPower } from "../roster/powers.ts";
import type { Ballot } from "./types.ts";

/**
 * The categories of a session: the four major matters (三重一大: 重大决策, 重要干部任免,
 * 重大项目安排, 大额度资金使用) and everything else.
 */
export const SESSION_CATEGORIES = ["decision", "personnel", "project", "funds", "other"] as const;
export type SessionCategory = (typeof SESSION_CATEGORIES)[number];

export const SESSION_CATEGORY_ALIASES: Readonly<Record<string, SessionCategory>> = {
  决策: "decision",
  人事: "personnel",
  项目: "project",
  资金: "funds",
  其他: "other",
  其它: "other", // the other common way to write "other"
};

/** Reads a category typed by a person, in English or Chinese; undefined when it is not one. */
export function parseSessionCategory(word: string): SessionCategory | undefined {
  const w = word.trim();
  const lower = w.toLowerCase();
  if (isSessionCategory(lower)) return lower;
  return SESSION_CATEGORY_ALIASES[w];
}

export function isSessionCategory(value: unknown): value is SessionCategory {
  return typeof value === "string" && (SESSION_CATEGORIES as readonly string[]).includes(value);
}

/** Personnel matters are voted by secret ballot so nobody has to vote against a colleague openly. */
export function defaultBallot(category: SessionCategory): Ballot {
  return category === "personnel" ? "secret" : "named";
}

/**
 * The key power whose holder is the deputy in charge of a category (分管领导). Categories without
 * one have no deputy in charge by portfolio.
 */
const CATEGORY_POWER: Readonly<Record<SessionCategory, KeyPower | null>> = {
  decision: null,
  personnel: "personnel",
  project: "projects",
  funds: "finance",
  other: null,
};

export function powerForCategory(category: SessionCategory): KeyPower | null {
  return CATEGORY_POWER[category];
}
