// Roster, policy, admin and help messages. The English catalogs are the source of the keys.
export const coreEn = {
  // Key powers and the principal's policies
  "power.finance": "finance",
  "power.personnel": "personnel",
  "power.projects": "projects",
  "power.procurement": "procurement",
  "power.assets": "asset disposal",
  "power.approvals": "administrative approvals",
  "power.enforcement": "enforcement",
  "power.judiciary": "judiciary",
  "policy.four":
    "the four powers the principal does not oversee directly (personnel, finance, projects, procurement)",
  "policy.five":
    "the five powers the principal does not oversee directly (finance, personnel, projects, approvals, enforcement)",
  "policy.eight": "the eight powers the principal does not oversee directly (all key powers)",
  "role.secretary": "secretary",
  "role.discipline": "discipline officer",

  // Roster
  "roster.header": "Leadership team of <#{channel}>",
  "roster.empty":
    "This channel has no leadership team yet. An admin can start one with `/lastword roster add @user 1 Secretary`.",
  "roster.line": "{rank}. <@{user}>{title}{powers}{roles}",
  "roster.principalMark": " (principal)",
  "roster.noPowers": "no key powers",
  "roster.policyLine": "Policy: {policy}. At most {max} key powers per deputy.",
  "roster.adminsLine": "Roster admins: {admins}",
  "roster.balanceWarning":
    ":warning: <@{user}> holds {count} key powers ({powers}); this team's limit is {max}.",
  "roster.added": "<@{user}> joined the team at rank {rank}.",
  "roster.updated": "<@{user}> is now at rank {rank}.",
  "roster.removed": "<@{user}> left the team.",
  "roster.rolesSet": "<@{user}>'s roles: {roles}.",
  "roster.rolesNone": "none",
  "roster.shifted": "Moved down one rank to make room: {users}.",
  "roster.firstAdmin": "You set up this channel's team, so you are its first roster admin.",

  // Policy and admins
  "policy.show": "This team follows {policy}. A deputy should hold at most {max} key powers.",
  "policy.set": "The principal may no longer hold {policy}.",
  "policy.maxSet": "A deputy should now hold at most {max} key powers.",
  "policy.principalMayPropose":
    "The principal may propose matters (the header and the ledger say so when they do).",
  "policy.principalMayNotPropose": "The principal may not propose matters; the deputy in charge proposes.",
  "policy.turnMinutesSet": "Each speaker has {minutes} minutes per turn unless a session says otherwise.",
  "help.principalProposes":
    "`/lastword policy principal-proposes yes|no` whether the principal may be a session's first proposer",
  "help.turnMinutes":
    "`/lastword policy turn-minutes <N>` default time per turn, e.g. `/lastword policy turn-minutes 10` (1440 for a day)",
  "help.decide":
    "`/decide <category> @proposer <matter>` start a decision session, e.g. `/decide funds @wang Renovate the county hospital`; `/decide` alone opens a form. Categories: decision, personnel, project, funds, other",
  "policy.thresholdSet":
    "A motion now passes with approvals of {rule} the roster (recused members left out).",
  "policy.quorumSet": "Quorum for {category}: {rule} the roster present.",
  "policy.allCategories": "every category",
  "rule.more-than-half": "more than half of",
  "rule.two-thirds": "at least two thirds of",
  "help.threshold":
    "`/lastword policy threshold more-than-half|two-thirds` and `/lastword policy quorum more-than-half|two-thirds [category]` the vote's rules, e.g. `/lastword policy quorum two-thirds personnel`",
  "help.ledger":
    "`/lastword ledger` recent sessions and their outcomes; `/lastword ledger verify` recompute every hash chain; `/lastword ledger export <number>` the minutes (Markdown) and raw entries (CSV), e.g. `/lastword ledger export 12`",
  "help.receipt":
    "`/lastword receipt <number> <code>` check that your secret ballot was counted, e.g. `/lastword receipt 12 K7QM-2XPD-9R`",
  "help.status":
    "`/lastword status` where each session under way in this channel stands (whose turn, voting, paused, or waiting to be posted)",
  "admin.added": "<@{user}> is now a roster admin.",
  "admin.removed": "<@{user}> is no longer a roster admin.",
  "admin.list": "Roster admins: {admins}",

  // Refusals (private)
  "error.requestFailed":
    "Something went wrong on our side while handling that, and it may not have been recorded. Check the thread, and if it is not there, please try again in a moment.",
  "error.requestKept":
    "Something went wrong on our side while handling that. It has been kept and will be recorded within a minute; you will be told here if it cannot be. Please do not repeat it.",
  "error.rankInvalid": "Rank must be a whole number of 1 or more (1 is the principal); you gave {rank}.",
  "error.rankTaken":
    "Rank {rank} is held by <@{holder}>. Choose a free rank, or add `--shift` to move <@{holder}> and those below down one.",
  "error.alreadyOnRoster":
    "<@{user}> is already on the team. To change their rank, title or powers use `/lastword roster set <@{user}> <rank> [title] [powers]`.",
  "error.notOnRoster": "<@{user}> is not on this channel's team. See it with `/lastword roster`.",
  "error.principalPowerBarred":
    "Refused: under {policy}, the principal may not hold {powers}. Give {powers} to a deputy instead.",
  "error.policyConflictsWithPrincipal":
    "Refused: the principal <@{user}> holds {powers}, which {policy} forbids. Move those powers to a deputy first.",
  "error.maxPowersInvalid": "The limit must be a whole number from 0 to 8; you gave {value}.",
  "error.notAdmin": "Only a roster admin of this channel's team can do that. Admins: {admins}.",
  "error.unknownSubcommand": "I don't know `{word}`. Type `/lastword help` to see every command.",
  "error.usage": "That's not quite right. Usage: `{usage}`",
  "error.rankMissing": "Give a rank after the user, for example `/lastword roster add @user 3`.",
  "error.rankNotNumber": "The rank must be a number (1 is the principal); you typed `{value}`.",
  "error.mentionMissing":
    "Mention the member with @ (for example `@Wang Li`), so I know exactly who you mean.",
  "error.userNotFound": "I can't find <@{user}> in this workspace.",
  "error.userIsBot": "<@{user}> is a bot and cannot sit on a leadership team.",
  "error.unknownPower": "`{word}` is not a key power. Use: {powers}.",
  "error.unknownRole": "`{word}` is not a role. Use: secretary, discipline, or none.",
  "error.unknownPolicy": "`{word}` is not a policy. Use `four`, `five` or `eight`, or `max-powers N`.",
  "error.lastAdmin": "<@{user}> is the team's last roster admin; name another admin first.",
  "error.notInChannel": "Run this command in the channel whose team you mean.",
  "error.internal": "Something went wrong on our side and nothing was changed. Please try again in a moment.",

  // Help
  "help.title": "Lastword commands",
  "help.intro":
    "Lastword runs your leadership team's decision meetings: members speak from the lowest rank upward, the principal last, and every step is kept in a tamper-evident ledger.",
  "help.roster": "`/lastword roster` show this channel's team in rank order",
  "help.rosterAdd":
    '`/lastword roster add @user <rank> [title] [powers]` add a member, e.g. `/lastword roster add @wang 2 "Executive Deputy" finance,personnel` (add `--shift` to take a rank that is held)',
  "help.rosterSet":
    "`/lastword roster set @user <rank> [title] [powers]` change a member, e.g. `/lastword roster set @li 3 Deputy projects`",
  "help.rosterRemove": "`/lastword roster remove @user` take a member off the team",
  "help.rosterRole":
    "`/lastword roster role @user discipline|secretary|none` give a member a role, e.g. `/lastword roster role @zhao discipline`",
  "help.policy":
    "`/lastword policy four|five|eight` choose which key powers the principal may not hold, e.g. `/lastword policy five`",
  "help.maxPowers":
    "`/lastword policy max-powers <N>` warn when a deputy holds more than N key powers, e.g. `/lastword policy max-powers 2`",
  "help.admin":
    "`/lastword admin add|remove @user` name or remove a roster admin; `/lastword admin` lists them",
  "help.powers": "Key powers: {powers}",
  "help.help": "`/lastword help` this list",
} as const;
