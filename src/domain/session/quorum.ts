import type { SessionCategory } from "./category.ts";

/**
 * A share of a whole: "more than half" is 1/2 exclusive, "two thirds or more" (三分之二以上, which
 * includes exactly two thirds) is 2/3 inclusive. Used for attendance (quorum) and for the vote (threshold).
 */
export interface FractionRule {
  numerator: number;
  denominator: number;
  inclusive: boolean;
}

export const MORE_THAN_HALF: FractionRule = { numerator: 1, denominator: 2, inclusive: false };
export const TWO_THIRDS_OR_MORE: FractionRule = { numerator: 2, denominator: 3, inclusive: true };

/** Whether `count` out of `total` reaches the share. Integer arithmetic: no rounding surprises. */
export function reachesFraction(rule: FractionRule, count: number, total: number): boolean {
  const lhs = count * rule.denominator;
  const rhs = rule.numerator * total;
  return rule.inclusive ? lhs >= rhs : lhs > rhs;
}

/** The smallest count out of `total` that reaches the share (may exceed `total` for odd rules). */
export function minimumCount(rule: FractionRule, total: number): number {
  const exact = rule.numerator * total;
  const floor = Math.floor(exact / rule.denominator);
  if (rule.inclusive) return floor * rule.denominator === exact ? floor : floor + 1;
  return floor + 1;
}

export type QuorumRules = Readonly<Record<SessionCategory, FractionRule>>;

/** 应到会成员超过半数; 干部任免须三分之二以上成员到会. */
export const DEFAULT_QUORUM: QuorumRules = {
  decision: MORE_THAN_HALF,
  personnel: TWO_THIRDS_OR_MORE,
  project: MORE_THAN_HALF,
  funds: MORE_THAN_HALF,
  other: MORE_THAN_HALF,
};

export interface QuorumCheck {
  rule: FractionRule;
  present: number;
  required: number;
  rosterSize: number;
  met: boolean;
}

/** Attendance counts present members against the full roster, not against those invited. */
export function checkQuorum(rule: FractionRule, present: number, rosterSize: number): QuorumCheck {
  return {
    rule,
    present,
    required: minimumCount(rule, rosterSize),
    rosterSize,
    met: reachesFraction(rule, present, rosterSize),
  };
}

/** Rules a team may change; everything left out takes the default. */
export interface TeamRules {
  quorum: QuorumRules;
  /** Whether the principal may be the first proposer of a matter. */
  principalMayPropose: boolean;
  /**
   * 应到会成员超过半数同意: the share of approvals a question needs, counted against the roster
   * minus recused members (not against those present or those who voted).
   */
  threshold: FractionRule;
}

export interface TeamRulesInput {
  quorum?: Partial<Record<SessionCategory, FractionRule>>;
  principalMayPropose?: boolean;
  threshold?: FractionRule;
}

export const DEFAULT_THRESHOLD: FractionRule = MORE_THAN_HALF;

export const DEFAULT_TEAM_RULES: TeamRules = {
  quorum: DEFAULT_QUORUM,
  principalMayPropose: true,
  threshold: DEFAULT_THRESHOLD,
};

export function resolveTeamRules(input: TeamRulesInput = {}): TeamRules {
  const quorum: Record<SessionCategory, FractionRule> = { ...DEFAULT_QUORUM };
  for (const [category, rule] of Object.entries(input.quorum ?? {})) {
    if (rule) quorum[category as SessionCategory] = rule;
  }
  return {
    quorum,
    principalMayPropose: input.principalMayPropose ?? DEFAULT_TEAM_RULES.principalMayPropose,
    threshold: input.threshold ?? DEFAULT_TEAM_RULES.threshold,
  };
}
