// Compliance across leaders and quarters, and who hears about what is overdue.

import { isPrincipal, type Member } from "../roster/member.ts";
import { compareQuarters, maxQuarter, quarterKey, type Quarter } from "./quarter.ts";
import type { UserId } from "./settings.ts";
import { CHECKIN_STATUSES, type CheckinStatus } from "./status.ts";

export interface ComplianceRow {
  userId: UserId;
  quarter: Quarter;
  status: CheckinStatus;
}

export type StatusCounts = Record<CheckinStatus, number>;
export type StatusLists = Record<CheckinStatus, UserId[]>;

export interface QuarterCompliance {
  quarter: Quarter;
  /** quarterKey(quarter), e.g. "2026-Q4". */
  key: string;
  counts: StatusCounts;
  /** The leaders with each status, in roster order. */
  lists: StatusLists;
  /** Every leader with a row for the quarter, in roster order. */
  leaders: Array<{ userId: UserId; status: CheckinStatus }>;
}

export interface LeaderCompliance {
  userId: UserId;
  counts: StatusCounts;
  /** Oldest quarter first. */
  quarters: Array<{ quarter: Quarter; status: CheckinStatus }>;
}

export interface ComplianceReport {
  /** Oldest quarter first. */
  quarters: QuarterCompliance[];
  /** In roster order. */
  leaders: LeaderCompliance[];
}

/**
 * Whether a leader owes the quarter's check-in: only from the quarter they joined the roster, and
 * never before the team itself was set up. A team created today has nobody overdue for last year.
 */
export function owesCheckin(quarter: Quarter, joined: Quarter, teamSetUp: Quarter): boolean {
  return compareQuarters(quarter, maxQuarter(joined, teamSetUp)) >= 0;
}

const zeroCounts = (): StatusCounts => ({ done: 0, snoozed: 0, cannot: 0, open: 0, overdue: 0 });
const emptyLists = (): StatusLists => ({ done: [], snoozed: [], cannot: [], open: [], overdue: [] });

/**
 * Counts and lists per quarter and per leader. Leaders come in `rosterOrder` (user IDs, normally
 * rank order); a leader with rows who is no longer on the roster comes after it, by user ID.
 * When the same leader and quarter appear twice, the later row wins.
 */
export function complianceReport(
  rows: readonly ComplianceRow[],
  rosterOrder: readonly UserId[],
): ComplianceReport {
  const position = new Map<UserId, number>();
  rosterOrder.forEach((u, i) => {
    if (!position.has(u)) position.set(u, i);
  });
  const byLeader = (a: UserId, b: UserId) => {
    const pa = position.get(a) ?? Infinity;
    const pb = position.get(b) ?? Infinity;
    if (pa !== pb) return pa - pb;
    return a < b ? -1 : a > b ? 1 : 0;
  };

  // quarter key -> user -> status, the later row replacing an earlier one
  const cells = new Map<string, { quarter: Quarter; statuses: Map<UserId, CheckinStatus> }>();
  for (const row of rows) {
    const key = quarterKey(row.quarter);
    let cell = cells.get(key);
    if (!cell) {
      cell = { quarter: { year: row.quarter.year, q: row.quarter.q }, statuses: new Map() };
      cells.set(key, cell);
    }
    cell.statuses.set(row.userId, row.status);
  }

  const quarterCells = [...cells.values()].sort((a, b) => compareQuarters(a.quarter, b.quarter));
  const quarters: QuarterCompliance[] = quarterCells.map(({ quarter, statuses }) => {
    const leaders = [...statuses.keys()]
      .sort(byLeader)
      .map((userId) => ({ userId, status: statuses.get(userId)! }));
    const counts = zeroCounts();
    const lists = emptyLists();
    for (const { userId, status } of leaders) {
      counts[status] += 1;
      lists[status].push(userId);
    }
    return { quarter, key: quarterKey(quarter), counts, lists, leaders };
  });

  const userIds = [...new Set(quarterCells.flatMap((c) => [...c.statuses.keys()]))].sort(byLeader);
  const leaders: LeaderCompliance[] = userIds.map((userId) => {
    const counts = zeroCounts();
    const list: LeaderCompliance["quarters"] = [];
    for (const { quarter, statuses } of quarterCells) {
      const status = statuses.get(userId);
      if (status === undefined) continue;
      counts[status] += 1;
      list.push({ quarter, status });
    }
    return { userId, counts, quarters: list };
  });

  return { quarters, leaders };
}

/** Every status, in the order reports show them. */
export const REPORT_STATUS_ORDER: readonly CheckinStatus[] = CHECKIN_STATUSES;

/**
 * Who is told about overdue check-ins: the principal and every member with the discipline role,
 * in roster order, each once. Exclusion from check-ins does not remove anyone from this list.
 */
export function escalationRecipients(members: readonly Member[]): UserId[] {
  const out: UserId[] = [];
  for (const m of members) {
    if ((isPrincipal(m) || m.roles.includes("discipline")) && !out.includes(m.userId)) out.push(m.userId);
  }
  return out;
}
