import type { KeyPower } from "./powers.ts";

/** The principal (一把手, 主要负责人) is the member at rank 1. */
export const PRINCIPAL_RANK = 1;

/** Roles a member can hold besides their rank; they give no speaking privilege. */
export const MEMBER_ROLES = ["secretary", "discipline"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface Member {
  userId: string;
  /** 1 is the principal; larger numbers are lower ranks and speak earlier. */
  rank: number;
  title: string | null;
  powers: KeyPower[];
  roles: MemberRole[];
}

export function isPrincipal(member: Pick<Member, "rank">): boolean {
  return member.rank === PRINCIPAL_RANK;
}
