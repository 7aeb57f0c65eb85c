// Who may start and chair a session, and the small refusals around it (English).
export const trustEn = {
  "help.policyStart":
    "`/lastword policy start members|admins` who may start a session: roster members and admins (the default), or admins only",
  "vote.outcome.withheld":
    ":warning: *No quorum*: {cast} ballots were cast and at least {required} are needed. The ballots were not counted and no totals are shown; nothing was decided.",
  "policy.startMembers": "Roster members and admins may start a session.",
  "policy.startAdmins": "Only the team's roster admins may start a session.",
  "error.startMembersOnly":
    "Only members of this channel's leadership team may start a session. Nothing was recorded.",
  "error.startAdminsOnly":
    "This team lets only its roster admins start a session (`/lastword policy start admins`). Nothing was recorded.",
  "error.chairLeftRoster":
    "You are no longer on this channel's leadership team, so you can no longer chair this session. A roster admin can. Nothing was changed.",
  "error.commandTooLong":
    "That command is longer than Slack allows ({max} characters), so it was not read and nothing was done. Shorten it, or use the form (`/decide` on its own).",
} as const;
