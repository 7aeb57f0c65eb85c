/*
 * Whether a named vote shows each choice while the vote is open. Shown live, the first choices
 * anchor the later voters (the principal's and the senior deputies' above all), the very effect the
 * last-speaker rule (末位表态制) exists to prevent: so by default who has voted is shown, how they
 * voted only at the close, with names. A team may choose to show them live.
 */
export const NAMED_VOTE_VISIBILITY = ["hidden", "live"] as const;
export type NamedVoteVisibility = (typeof NAMED_VOTE_VISIBILITY)[number];

export const DEFAULT_NAMED_VOTE_VISIBILITY: NamedVoteVisibility = "hidden";

/** Whether the open vote may show how each member voted. A secret ballot never does. */
export function showsChoicesWhileOpen(
  ballot: "named" | "secret",
  visibility: NamedVoteVisibility | undefined,
): boolean {
  return ballot === "named" && (visibility ?? DEFAULT_NAMED_VOTE_VISIBILITY) === "live";
}
